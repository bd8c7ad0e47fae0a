using SccDm.Realtime.Keypoints;

namespace SccDm.Realtime.Tests.Keypoints;

public class HeatmapDecoderTests
{
    [Theory]
    [InlineData(5.3f, 7.6f)]
    [InlineData(10.0f, 2.5f)]
    [InlineData(1.8f, 12.2f)]
    public void FindsAGaussianPeakToSubPixelAccuracy(float cx, float cy)
    {
        const int w = 16, h = 16;
        var maps = new float[2 * w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                maps[y * w + x] = 0.9f * MathF.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 1.5f * 1.5f));
            }
        }
        maps[w * h + 3 * w + 4] = 0.3f; // second map: a single weak peak
        var result = new DetectedKeypoint[2];
        HeatmapDecoder.Decode(maps, 2, w, h, 4f, result);
        // Continuous image coordinates (pixel centres at +0.5): (u + 0.5)·4. The log-parabola is exact for a Gaussian.
        Assert.Equal((cx + 0.5f) * 4, result[0].X, 0.01f);
        Assert.Equal((cy + 0.5f) * 4, result[0].Y, 0.01f);
        Assert.InRange(result[0].Confidence, 0.8f, 0.9f);
        Assert.Equal(4 * 4.5f, result[1].X, 0.001f);
        Assert.Equal(0.3f, result[1].Confidence);
    }

    [Fact]
    public void MatchesThePythonDecoderOnPeaksThatAreNotGaussian()
    {
        // Five 32×32 maps, each an anisotropic peak with heavier tails than a Gaussian, so the blur matters:
        // interior peaks (blurred path on both axes) and peaks within four cells of an edge (raw path on that axis).
        (float X, float Y)[] centres = [(15.3f, 12.8f), (20.45f, 6.1f), (2.6f, 17.2f), (29.3f, 28.7f), (9.9f, 24.05f)];
        const int w = 32, h = 32;
        var maps = new float[centres.Length * w * h];
        for (int k = 0; k < centres.Length; k++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    float dx = x - centres[k].X, dy = y - centres[k].Y;
                    float q = 1 + ((dx * dx) + (0.7f * dy * dy)) / 2f;
                    maps[(k * w * h) + (y * w) + x] = 0.9f / (q * q);
                }
            }
        }
        var result = new DetectedKeypoint[centres.Length];
        HeatmapDecoder.Decode(maps, centres.Length, w, h, 4f, result);

        // sccdm_train.detector.decode on the same maps (models/training), + 0.5 for pixel centres at +0.5.
        (float X, float Y)[] python =
        [
            (63.147823f, 53.226093f), (83.779818f, 26.385177f), (12.508706f, 70.774453f), (119.061249f, 116.903801f),
            (41.629078f, 98.191772f),
        ];
        for (int k = 0; k < centres.Length; k++)
        {
            Assert.Equal(python[k].X, result[k].X, 0.002f);
            Assert.Equal(python[k].Y, result[k].Y, 0.002f);
            // And close to the true centre: within 0.015 cells on the blurred path, 0.03 on the raw one for this shape.
            Assert.Equal((centres[k].X + 0.5f) * 4, result[k].X, 0.15f);
            Assert.Equal((centres[k].Y + 0.5f) * 4, result[k].Y, 0.15f);
        }
    }
}
