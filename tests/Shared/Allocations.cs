namespace SccDm.Realtime.Testing;

/// <summary>Measures managed allocation of a steady-state loop on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated on this thread by <paramref name="iterations"/> calls of <paramref name="body"/>, the least over
    /// <paramref name="windows"/> consecutive windows. The runtime itself sometimes allocates on a thread once (a method
    /// promoted by tiered compilation, a type's first use), which one window can catch; an allocation per call shows in
    /// every window, so a non-zero minimum still fails a zero-allocation assertion.
    /// </summary>
    public static long SteadyStateBytes(Action body, int iterations, int windows = 3)
    {
        ArgumentNullException.ThrowIfNull(body);
        long least = long.MaxValue;
        for (int w = 0; w < windows && least > 0; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < iterations; i++)
            {
                body();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
