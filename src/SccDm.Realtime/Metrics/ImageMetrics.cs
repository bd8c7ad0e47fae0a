using SccDm.Realtime.Imaging;

namespace SccDm.Realtime.Metrics;

/// <summary>
/// Full-reference image quality: SSIM (Wang et al. 2004), PSNR and MAE on single-channel float images.
/// Values are compared over a data range <c>L</c> (2 for images in [−1, 1], 1 for [0, 1], 255 for bytes).
/// </summary>
public static class ImageMetrics
{
    /// <summary>SSIM window side (Wang et al.: 11×11 Gaussian, σ = 1.5).</summary>
    public const int WindowSize = 11;

    /// <summary>SSIM window σ.</summary>
    public const double WindowSigma = 1.5;

    /// <summary>SSIM stabilising constants K1, K2.</summary>
    public const double K1 = 0.01, K2 = 0.03;

    private static readonly double[] s_window = GaussianWeights.Normalized(WindowSize / 2, WindowSigma);

    /// <summary>
    /// Mean SSIM over all 11×11 windows that fit inside the image ("valid" filtering, as the authors'
    /// reference code does). Images smaller than the window are rejected.
    /// </summary>
    public static double Ssim(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int width, int height, double dataRange)
    {
        CheckSizes(x, y, width, height);
        if (width < WindowSize || height < WindowSize)
        {
            throw new ArgumentException($"SSIM needs images of at least {WindowSize}×{WindowSize}, got {width}×{height}");
        }
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int ow = width - WindowSize + 1, oh = height - WindowSize + 1;
        // Separable Gaussian: filter rows into five moment planes, then columns per output pixel.
        var planes = new double[5][];
        for (int p = 0; p < 5; p++)
        {
            planes[p] = new double[ow * height];
        }
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < ow; c++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int k = 0; k < WindowSize; k++)
                {
                    double w = s_window[k];
                    double a = x[r * width + c + k], b = y[r * width + c + k];
                    mx += w * a; my += w * b; xx += w * a * a; yy += w * b * b; xy += w * a * b;
                }
                int o = r * ow + c;
                planes[0][o] = mx; planes[1][o] = my; planes[2][o] = xx; planes[3][o] = yy; planes[4][o] = xy;
            }
        }
        double sum = 0;
        for (int r = 0; r < oh; r++)
        {
            for (int c = 0; c < ow; c++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int k = 0; k < WindowSize; k++)
                {
                    double w = s_window[k];
                    int o = (r + k) * ow + c;
                    mx += w * planes[0][o]; my += w * planes[1][o]; xx += w * planes[2][o]; yy += w * planes[3][o]; xy += w * planes[4][o];
                }
                double vx = xx - mx * mx, vy = yy - my * my, cov = xy - mx * my;
                sum += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return sum / (ow * oh);
    }

    /// <summary>Peak signal-to-noise ratio in dB: 10·log10(L² / MSE); +∞ for identical images.</summary>
    public static double Psnr(ReadOnlySpan<float> x, ReadOnlySpan<float> y, double dataRange)
    {
        double mse = MeanSquaredError(x, y);
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(dataRange * dataRange / mse);
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Abs((double)x[i] - y[i]);
        }
        return sum / x.Length;
    }

    /// <summary>Mean squared error.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = (double)x[i] - y[i];
            sum += d * d;
        }
        return sum / x.Length;
    }

    private static void CheckSizes(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int width, int height)
    {
        CheckLengths(x, y);
        if (x.Length != width * height)
        {
            throw new ArgumentException($"images hold {x.Length} values, expected {width}×{height}");
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length || x.Length == 0)
        {
            throw new ArgumentException($"images must be non-empty and of equal size ({x.Length} vs {y.Length} values)");
        }
    }
}
