using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Recording;

/// <summary>
/// One recorded frame of the composed view: its pixels and what was on screen (the camera frame, the X-ray's
/// keypoints, KCC and angles, timings), which becomes one line of <c>frames.jsonl</c>. A reusable slot: rented from
/// <see cref="RecordingSession.TryBeginView"/>, filled on the display thread, handed back with
/// <see cref="RecordingSession.CommitView"/>.
/// </summary>
public sealed class ViewFrame
{
    private byte[] _pixels = [];

    /// <summary>The composed view as RGBA8, <see cref="Width"/>×<see cref="Height"/>.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Width * Height * 4);

    /// <summary>Width of <see cref="Pixels"/>.</summary>
    public int Width { get; private set; }

    /// <summary>Height of <see cref="Pixels"/>.</summary>
    public int Height { get; private set; }

    /// <summary>Sequence of the camera frame shown, or −1 before the first.</summary>
    public long CameraSequence { get; set; } = -1;

    /// <summary>Capture time of the camera frame shown (Stopwatch ticks).</summary>
    public long CaptureTimestamp { get; set; }

    /// <summary>When the frame was presented (Stopwatch ticks); the display sets it after presenting.</summary>
    public long PresentTimestamp { get; set; }

    /// <summary>Whether an X-ray was shown.</summary>
    public bool HasResult { get; private set; }

    /// <summary>Camera sequence the X-ray was made from.</summary>
    public long ResultSequence { get; private set; } = -1;

    /// <summary>Capture time of the camera frame the X-ray was made from (Stopwatch ticks).</summary>
    public long ResultCaptureTimestamp { get; private set; }

    /// <summary>When synthesis of the X-ray finished (Stopwatch ticks).</summary>
    public long ResultCompletedTimestamp { get; private set; }

    /// <summary>The similarity filter reused the previous X-ray.</summary>
    public bool Reused { get; private set; }

    /// <summary>Network passes made for the X-ray.</summary>
    public int NetworkCalls { get; private set; }

    /// <summary>Whether keypoints were detected (a detector is loaded).</summary>
    public bool HasKeypoints { get; private set; }

    /// <summary>The keypoints in X-ray pixels, with confidences (valid with <see cref="HasKeypoints"/>).</summary>
    public DetectedKeypoint[] Keypoints { get; } = new DetectedKeypoint[SynthesisResult.KeypointCount];

    /// <summary>Side of the X-ray the keypoints refer to.</summary>
    public int XraySize { get; private set; }

    /// <summary>KCC of the X-ray.</summary>
    public float Kcc { get; private set; }

    /// <summary>HVA/IMA of this X-ray's keypoints, or null.</summary>
    public FootAngleMeasurement? Angles { get; private set; }

    /// <summary>Whether stable angles were on screen.</summary>
    public bool HasReading { get; set; }

    /// <summary>The HVA shown (median over the last second).</summary>
    public double ReadingHva { get; set; }

    /// <summary>The IMA shown (median over the last second).</summary>
    public double ReadingIma { get; set; }

    /// <summary>The sampler settings in use, or null.</summary>
    public SamplerOptions? Sampler { get; set; }

    /// <summary>The picture was frozen.</summary>
    public bool Frozen { get; set; }

    /// <summary>Composition time of this frame, ms.</summary>
    public double ComposeMs { get; set; }

    /// <summary>Present time of this frame (acquire, submit, present), ms; 0 headless.</summary>
    public double PresentMs { get; set; }

    /// <summary>Copies the composed view; allocates only when the size grows.</summary>
    public void SetPixels(ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int bytes = width * height * 4;
        if (rgba.Length < bytes)
        {
            throw new ArgumentException($"a {width}×{height} view has {bytes} bytes; got {rgba.Length}", nameof(rgba));
        }

        if (_pixels.Length < bytes)
        {
            _pixels = new byte[bytes];
        }

        rgba[..bytes].CopyTo(_pixels);
        Width = width;
        Height = height;
    }

    /// <summary>Copies what is recorded of the shown X-ray (not its pixels: they are in the view); null clears it.</summary>
    public void SetResult(SynthesisResult? result)
    {
        HasResult = result is not null;
        if (result is null)
        {
            ResultSequence = -1;
            HasKeypoints = false;
            Angles = null;
            return;
        }

        ResultSequence = result.FrameId;
        ResultCaptureTimestamp = result.CaptureTimestamp;
        ResultCompletedTimestamp = result.CompletedTimestamp;
        Reused = result.Reused;
        NetworkCalls = result.NetworkCalls;
        HasKeypoints = result.HasKeypoints;
        XraySize = result.ImageSize;
        Kcc = result.Kcc;
        Angles = result.Angles;
        result.Keypoints.CopyTo(Keypoints, 0);
    }
}
