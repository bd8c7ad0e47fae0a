using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Models;
using SccDm.Realtime.Tests.Onnx;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Keypoints;

public class KeypointDetectorTests
{
    [Fact]
    public void DetectsTenKeypointsInsideTheImageWithPeakConfidences()
    {
        using KeypointModel model = KeypointModel.Open(RepoPaths.Fixture("tiny_keypoints.onnx"));
        using var detector = new KeypointDetector(model);
        Assert.Equal(32, detector.InputSize);
        var xray = new float[32 * 32];
        for (int i = 0; i < xray.Length; i++)
        {
            xray[i] = MathF.Sin(i * 0.37f);
        }
        var found = new DetectedKeypoint[10];
        detector.Detect(xray, 32, found);
        float max = detector.LastHeatmaps.ToArray().Max();
        Assert.Contains(found, k => k.Confidence == max);
        Assert.All(found, k =>
        {
            Assert.InRange(k.X, 0, 32);
            Assert.InRange(k.Y, 0, 32);
            Assert.InRange(k.Confidence, 0, 1);
        });

        // The same X-ray at twice the size gives the same keypoints, scaled.
        var big = new float[64 * 64];
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                big[y * 64 + x] = xray[(y / 2) * 32 + x / 2];
            }
        }
        var scaled = new DetectedKeypoint[10];
        detector.Detect(big, 64, scaled);
        Assert.All(scaled, k => Assert.InRange(k.X, 0, 64));
        Assert.Equal(0, Allocations.SteadyStateBytes(() => detector.Detect(xray, 32, found), 20));
    }
}
