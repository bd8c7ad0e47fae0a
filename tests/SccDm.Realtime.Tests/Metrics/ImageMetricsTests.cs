using SccDm.Realtime.Metrics;

namespace SccDm.Realtime.Tests.Metrics;

public class ImageMetricsTests
{
    [Fact]
    public void SsimOfTwoConstantImagesHasTheClosedFormValue()
    {
        // σx = σy = cov = 0, so SSIM = (2ab + C1)/(a² + b² + C1) with C1 = (0.01·L)².
        float[] a = Enumerable.Repeat(0.2f, 16 * 16).ToArray();
        float[] b = Enumerable.Repeat(0.6f, 16 * 16).ToArray();
        double c1 = 0.0001;
        double expected = (2 * 0.2 * 0.6 + c1) / (0.04 + 0.36 + c1);
        Assert.Equal(expected, ImageMetrics.Ssim(a, b, 16, 16, 1.0), 6);
    }

    [Fact]
    public void SsimOfAnImageWithItselfIsOneAndNoiseLowersIt()
    {
        var rng = new Random(3);
        float[] x = Enumerable.Range(0, 32 * 24).Select(_ => (float)rng.NextDouble()).ToArray();
        Assert.Equal(1.0, ImageMetrics.Ssim(x, x, 32, 24, 1.0), 9);
        float[] y = x.Select(v => v + (float)(rng.NextDouble() - 0.5) * 0.4f).ToArray();
        Assert.InRange(ImageMetrics.Ssim(x, y, 32, 24, 1.0), 0.0, 0.95);
    }

    [Fact]
    public void SeparableSsimEqualsTheDirectDefinition()
    {
        var rng = new Random(11);
        const int w = 19, h = 14;
        float[] x = Enumerable.Range(0, w * h).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        float[] y = x.Select(v => 0.7f * v + (float)rng.NextDouble() * 0.3f).ToArray();
        Assert.Equal(DirectSsim(x, y, w, h, 2.0), ImageMetrics.Ssim(x, y, w, h, 2.0), 9);
    }

    // Wang et al. 2004, written out with a full 2-D window per output pixel.
    private static double DirectSsim(float[] x, float[] y, int w, int h, double l)
    {
        var g = new double[11, 11];
        double total = 0;
        for (int i = 0; i < 11; i++)
        {
            for (int j = 0; j < 11; j++)
            {
                g[i, j] = Math.Exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
                total += g[i, j];
            }
        }
        double c1 = Math.Pow(0.01 * l, 2), c2 = Math.Pow(0.03 * l, 2), sum = 0;
        int n = 0;
        for (int r = 0; r + 11 <= h; r++)
        {
            for (int c = 0; c + 11 <= w; c++)
            {
                double mx = 0, my = 0;
                for (int i = 0; i < 11; i++)
                {
                    for (int j = 0; j < 11; j++)
                    {
                        double wt = g[i, j] / total;
                        mx += wt * x[(r + i) * w + c + j];
                        my += wt * y[(r + i) * w + c + j];
                    }
                }
                double vx = 0, vy = 0, cv = 0;
                for (int i = 0; i < 11; i++)
                {
                    for (int j = 0; j < 11; j++)
                    {
                        double wt = g[i, j] / total;
                        double dx = x[(r + i) * w + c + j] - mx, dy = y[(r + i) * w + c + j] - my;
                        vx += wt * dx * dx; vy += wt * dy * dy; cv += wt * dx * dy;
                    }
                }
                sum += (2 * mx * my + c1) * (2 * cv + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                n++;
            }
        }
        return sum / n;
    }

    [Fact]
    public void PsnrAndMaeHaveTheirKnownValues()
    {
        float[] a = new float[100];
        float[] b = Enumerable.Repeat(0.1f, 100).ToArray();
        Assert.Equal(20.0, ImageMetrics.Psnr(a, b, 1.0), 4);
        Assert.Equal(26.0206, ImageMetrics.Psnr(a, b, 2.0), 3);
        Assert.Equal(0.1, ImageMetrics.Mae(a, b), 6);
        Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(a, a, 1.0));
    }

    [Fact]
    public void MismatchedOrTinyImagesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ImageMetrics.Mae(new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => ImageMetrics.Ssim(new float[100], new float[100], 10, 10, 1));
    }
}
