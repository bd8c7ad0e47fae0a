namespace SccDm.Realtime.Imaging;

/// <summary>Taps of a sampled 1-D Gaussian for separable filters.</summary>
internal static class GaussianWeights
{
    /// <summary>exp(−k²/2σ²) for k = −radius…radius, divided by their sum (added in k order).</summary>
    public static double[] Normalized(int radius, double sigma)
    {
        var w = new double[(2 * radius) + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++)
        {
            w[k + radius] = Math.Exp(-(k * k) / (2 * sigma * sigma));
            total += w[k + radius];
        }
        for (int i = 0; i < w.Length; i++)
        {
            w[i] /= total;
        }
        return w;
    }
}
