using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Models;
using SccDm.Realtime.Phantom;

namespace SccDm.Realtime.App.Tests.Phantom;

/// <summary>
/// The bundled detector against the phantom's exact keypoints (the coordinates keypoints.json holds), through the
/// app's own detector and decoder: a pixel-convention slip between training and decoding (half a pixel, or the
/// stride's worth) shows up as a mean offset common to all keypoints, which angles hide but the skeleton does not.
/// </summary>
public class BundledDetectorTests
{
    private const long FirstTestSeed = 2_000_000_000; // the phantom's test split (never trained on)
    private const int Samples = 16;

    [Theory]
    [InlineData(128)] // the detector's own input size
    [InlineData(256)] // resized to 128 by KeypointDetector, keypoints scaled back
    public void FindsThePhantomKeypointsWithoutACoordinateOffset(int size)
    {
        using KeypointModel model = KeypointModel.Open(Path.Combine(BundledPaths.ModelsDirectory, BundledPaths.KeypointFile));
        using var detector = new KeypointDetector(model);
        var found = new DetectedKeypoint[FootSkeleton.Count];
        var xray = new float[size * size];
        double sumDx = 0, sumDy = 0, sumDistance = 0;
        int n = 0;
        for (long seed = FirstTestSeed; seed < FirstTestSeed + Samples; seed++)
        {
            PhantomSample sample = FootPhantom.Generate(seed, size);
            for (int i = 0; i < xray.Length; i++)
            {
                xray[i] = sample.XRay[i] / 127.5f - 1f;
            }
            detector.Detect(xray, size, found);
            for (int k = 0; k < FootSkeleton.Count; k++)
            {
                Keypoint2D truth = sample.Keypoints.Points[k];
                // In pixels of the 128² image the detector sees.
                double dx = (found[k].X - truth.X) * 128 / size, dy = (found[k].Y - truth.Y) * 128 / size;
                sumDx += dx;
                sumDy += dy;
                sumDistance += Math.Sqrt((dx * dx) + (dy * dy));
                n++;
            }
        }

        // The shipped detector: mean offset under 0.05 px and mean error 0.16 px on the test split at 128²
        // (models/README.md; the previous, focal-loss detector had 0.87 px here).
        string measured = $"at {size}²: mean offset ({sumDx / n:F3}, {sumDy / n:F3}) px, mean error {sumDistance / n:F3} px";
        Assert.True(Math.Abs(sumDx / n) < 0.2 && Math.Abs(sumDy / n) < 0.2, measured);
        Assert.True(sumDistance / n < 0.35, measured);
    }
}
