namespace SccDm.Realtime.Profiling;

/// <summary>Distribution of one stage's durations, in milliseconds.</summary>
public sealed record StageStatistics(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    /// <summary>Summarises <paramref name="millis"/> (sorted in place).</summary>
    public static StageStatistics From(List<double> millis)
    {
        if (millis.Count == 0)
        {
            return new StageStatistics(0, 0, 0, 0, 0, 0);
        }
        millis.Sort();
        return new StageStatistics(millis.Count, millis.Average(), Percentile(millis, 0.50), Percentile(millis, 0.95), Percentile(millis, 0.99), millis[^1]);
    }

    /// <summary>Linear-interpolated percentile of sorted values (numpy's default method).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
