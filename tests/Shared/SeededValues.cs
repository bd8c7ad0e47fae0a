namespace SccDm.Realtime.Testing;

/// <summary>Reproducible test and benchmark inputs (also linked into bench/SccDm.Realtime.Benchmarks).</summary>
internal static class SeededValues
{
    /// <summary>Uniform values in [lo, hi) from a fixed seed.</summary>
    public static float[] Uniform(int count, int seed, float lo = -1f, float hi = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = lo + (random.NextSingle() * (hi - lo));
        }
        return values;
    }
}
