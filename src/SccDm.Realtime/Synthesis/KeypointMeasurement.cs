using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// The measure stage shared by the synthesizers: detector → KCC (from the raw confidences) → keypoints smoothed over
/// time (One-Euro, confidence-aware) → HVA/IMA, into a result.
/// </summary>
internal sealed class KeypointMeasurement(KeypointDetector? detector)
{
    private readonly Keypoint2D[] _points = new Keypoint2D[SynthesisResult.KeypointCount];
    private readonly KeypointSmoother _smoother = new(SynthesisResult.KeypointCount);

    /// <summary>Fills the keypoint fields of <paramref name="result"/> from its X-ray (clears them without a detector).</summary>
    public void Measure(SynthesisResult result)
    {
        if (detector is null)
        {
            result.HasKeypoints = false;
            result.Kcc = 0;
            result.Angles = null;
            return;
        }
        detector.Detect(result.Xray, result.ImageSize, result.Keypoints);
        result.HasKeypoints = true;
        result.Kcc = Kcc.Compute(result.Keypoints);
        _smoother.Apply(result.Keypoints, result.CaptureTimestamp);
        for (int i = 0; i < _points.Length; i++)
        {
            _points[i] = new Keypoint2D(result.Keypoints[i].X, result.Keypoints[i].Y);
        }
        double hva = FootAngles.Hva(_points);
        double ima = FootAngles.Ima(_points);
        result.Angles = double.IsFinite(hva) && double.IsFinite(ima) ? new FootAngleMeasurement(hva, ima) : null;
    }
}
