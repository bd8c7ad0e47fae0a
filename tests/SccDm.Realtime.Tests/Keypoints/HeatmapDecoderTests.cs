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
}
