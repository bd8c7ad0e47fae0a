namespace SccDm.Realtime.Phantom;

/// <summary>
/// Lattice value noise from an integer hash: deterministic, allocation-free and independent of
/// evaluation order, so textures are identical however the rows are scheduled.
/// </summary>
internal static class ValueNoise
{
    /// <summary>Hash of a lattice point to [0, 1).</summary>
    public static double Lattice(ulong seed, long ix, long iy)
    {
        ulong h = SplitMix64.Mix(seed ^ ((ulong)ix * 0x9E3779B97F4A7C15UL) ^ ((ulong)iy * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Smooth noise in [0, 1) at (x, y) in lattice units.</summary>
    public static double Sample(ulong seed, double x, double y)
    {
        double fx = Math.Floor(x), fy = Math.Floor(y);
        long ix = (long)fx, iy = (long)fy;
        double tx = x - fx, ty = y - fy;
        tx = tx * tx * (3 - (2 * tx));
        ty = ty * ty * (3 - (2 * ty));
        double a = Lattice(seed, ix, iy), b = Lattice(seed, ix + 1, iy);
        double c = Lattice(seed, ix, iy + 1), d = Lattice(seed, ix + 1, iy + 1);
        return ((a + ((b - a) * tx)) * (1 - ty)) + ((c + ((d - c) * tx)) * ty);
    }

    /// <summary>Zero-mean, roughly unit-variance per-pixel noise from a hash (for sensor noise).</summary>
    public static double PixelGaussian(ulong seed, long index)
    {
        ulong h = SplitMix64.Mix(seed + ((ulong)index * 0x9E3779B97F4A7C15UL));
        // Sum of four 16-bit uniforms (Irwin–Hall): close enough to a Gaussian for sensor noise, no logs.
        double s = (h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return ((s / 65535.0) - 2.0) * 1.7320508075688772;
    }
}
