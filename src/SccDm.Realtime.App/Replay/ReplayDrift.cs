namespace SccDm.Realtime.App.Replay;

/// <summary>How far a replay's X-rays are from the recorded ones (frames.jsonl), over the X-rays both have.</summary>
internal sealed record ReplayDrift
{
    /// <summary>Distinct X-rays in frames.jsonl.</summary>
    public int Recorded { get; init; }

    /// <summary>Of those, how many the replay reproduced and compared.</summary>
    public int Compared { get; init; }

    /// <summary>Keypoint distance in recorded X-ray pixels, one sample per keypoint.</summary>
    public required Stats KeypointPx { get; init; }

    /// <summary>|ΔHVA| in degrees, over X-rays where both have angles.</summary>
    public required Stats HvaDegrees { get; init; }

    /// <summary>|ΔIMA| in degrees.</summary>
    public required Stats ImaDegrees { get; init; }

    /// <summary>|ΔKCC|.</summary>
    public required Stats Kcc { get; init; }

    /// <summary>Mean, 95th percentile and maximum of a list of absolute differences.</summary>
    internal readonly record struct Stats(int Count, double Mean, double P95, double Max)
    {
        /// <summary>Summarizes <paramref name="values"/> (empty: all zero, Count 0).</summary>
        public static Stats Of(List<double> values)
        {
            if (values.Count == 0)
            {
                return default;
            }

            var sorted = values.Order().ToArray();
            return new Stats(sorted.Length, sorted.Average(), sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)], sorted[^1]);
        }
    }
}
