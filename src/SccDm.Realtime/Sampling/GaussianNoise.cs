namespace SccDm.Realtime.Sampling;

/// <summary>
/// Deterministic standard-normal noise (SplitMix64 + Box–Muller), independent of the .NET version, so a seed
/// gives the same z on every machine.
/// </summary>
public static class GaussianNoise
{
    /// <summary>Fills <paramref name="destination"/> with N(0,1) samples from <paramref name="seed"/>.</summary>
    public static void Fill(Span<float> destination, ulong seed)
    {
        ulong state = seed;
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u1 = ToUnit(Next(ref state));
            double u2 = ToUnit(Next(ref state));
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            double a = 2.0 * Math.PI * u2;
            destination[i] = (float)(r * Math.Cos(a));
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = (float)(r * Math.Sin(a));
            }
        }
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // (0, 1]: never 0, so the logarithm stays finite.
    private static double ToUnit(ulong bits) => ((bits >> 11) + 1) * (1.0 / 9007199254740992.0);
}
