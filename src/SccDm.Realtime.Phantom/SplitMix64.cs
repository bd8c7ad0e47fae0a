namespace SccDm.Realtime.Phantom;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by its algorithm, unlike System.Random whose
/// algorithm may change between .NET versions. Each sample seeds its own instance, so no state is shared
/// between threads and the result never depends on scheduling order.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Approximately normal (Irwin–Hall of 4 uniforms): no transcendental functions, so bit-stable everywhere.</summary>
    public double Normal(double mean, double sigma)
    {
        double s = NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2.0;
        return mean + (sigma * s * 1.7320508075688772);
    }

    public int NextInt(int exclusiveMax) => (int)(NextUInt64() % (ulong)exclusiveMax);

    /// <summary>Mixes a 64-bit value into a well-distributed hash (the SplitMix64 finaliser).</summary>
    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
