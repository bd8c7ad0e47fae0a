using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Profiling;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// One synthesized frame: the X-ray, its keypoints, KCC and angles. Reusable: a synthesizer fills it in place, so
/// the steady state allocates nothing. Hand it between threads through a latest-frame-wins slot.
/// </summary>
public sealed class SynthesisResult
{
    /// <summary>Number of keypoints (foot.md).</summary>
    public const int KeypointCount = 10;

    /// <summary>Allocates buffers for a <paramref name="imageSize"/>² X-ray.</summary>
    public SynthesisResult(int imageSize)
    {
        ImageSize = imageSize;
        Xray = new float[imageSize * imageSize];
        Condition = new float[imageSize * imageSize];
    }

    /// <summary>Side of the X-ray.</summary>
    public int ImageSize { get; }

    /// <summary>The synthetic X-ray, row-major, values in [−1, 1] (bone bright).</summary>
    public float[] Xray { get; }

    /// <summary>The network's condition (the camera frame, gray, letterboxed, [−1, 1]).</summary>
    public float[] Condition { get; }

    /// <summary>Keypoints in X-ray pixel coordinates with confidences, in foot.md order.</summary>
    public DetectedKeypoint[] Keypoints { get; } = new DetectedKeypoint[KeypointCount];

    /// <summary>Whether <see cref="Keypoints"/> and <see cref="Kcc"/> were computed (a detector is loaded).</summary>
    public bool HasKeypoints { get; set; }

    /// <summary>Keypoint Confidence-Completeness of this frame.</summary>
    public float Kcc { get; set; }

    /// <summary>HVA/IMA from the detected keypoints (meaningful when <see cref="Kcc"/> ≥ 0.75).</summary>
    public FootAngleMeasurement? Angles { get; set; }

    /// <summary>The camera frame this result came from.</summary>
    public long FrameId { get; set; }

    /// <summary>Capture timestamp of that frame (Stopwatch ticks).</summary>
    public long CaptureTimestamp { get; set; }

    /// <summary>When synthesis finished (Stopwatch ticks).</summary>
    public long CompletedTimestamp { get; set; }

    /// <summary>True when the similarity filter reused the previous result instead of sampling.</summary>
    public bool Reused { get; set; }

    /// <summary>Network passes made for this frame.</summary>
    public int NetworkCalls { get; set; }

    /// <summary>Copies everything from <paramref name="other"/> (same size) without allocating.</summary>
    public void CopyFrom(SynthesisResult other)
    {
        other.Xray.CopyTo(Xray, 0);
        other.Condition.CopyTo(Condition, 0);
        other.Keypoints.CopyTo(Keypoints, 0);
        HasKeypoints = other.HasKeypoints;
        Kcc = other.Kcc;
        Angles = other.Angles;
        FrameId = other.FrameId;
        CaptureTimestamp = other.CaptureTimestamp;
        CompletedTimestamp = other.CompletedTimestamp;
        Reused = other.Reused;
        NetworkCalls = other.NetworkCalls;
    }
}
