using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// A STAND-IN for the SCCDM synthesizer, so the kiosk can be built and tested before the trained model exists.
/// It runs no network. For the phantom camera it is an oracle: it re-renders the requested frame on a private twin
/// camera to get the ground truth, warps the phantom's own X-ray into place and reports the true keypoints with
/// made-up confidences (lower while the foot moves or leaves the frame) and a little positional jitter. For any
/// other source the "X-ray" is the inverted, blurred gray of the frame and there are no keypoints.
/// Optionally it sleeps as long as the model's network passes would take, so the three rates behave realistically.
/// </summary>
internal sealed class StandInSynthesizer : IFrameSynthesizer
{
    /// <summary>Side of the stand-in X-ray (the kiosk model's size).</summary>
    public const int ImageSize = 128;

    /// <summary>Simulated milliseconds per network pass (about the kiosk model on two CPU cores).</summary>
    public const double DefaultSimulatedPassMs = 12;

    private readonly PhantomCamera? _twin;
    private readonly CameraFrame? _twinFrame;
    private readonly int _renderSize;
    private readonly double _passMs;
    private readonly float[] _gray = new float[ImageSize * ImageSize];
    private readonly Keypoint2D[] _previousTruth = new Keypoint2D[FootSkeleton.Count];
    private readonly Keypoint2D[] _jittered = new Keypoint2D[FootSkeleton.Count];
    private PhantomSample? _sample;
    private long _sampleSeed = -1;
    private bool _havePrevious;
    private int _disposed;

    /// <summary>Creates the stand-in; with <paramref name="phantom"/> (the source camera's options) it serves ground truth.</summary>
    public StandInSynthesizer(PhantomCameraOptions? phantom, double simulatedPassMs)
    {
        _passMs = Math.Max(0, simulatedPassMs);
        if (phantom is not null)
        {
            _twin = new PhantomCamera(phantom with { Paced = false, FrameLimit = null });
            _twinFrame = new CameraFrame(phantom.Width, phantom.Height);
            _renderSize = Math.Max(64, (int)(phantom.Height * phantom.FootScale) & ~1);
        }

        Info = new SynthesisInfo(
            ImageSize,
            phantom is not null ? "stand-in (phantom ground truth)" : "stand-in (inverted gray)",
            "stand-in",
            "none",
            "stand-in synthesizer: no ONNX Runtime session",
            "CPU stand-in");
    }

    /// <inheritdoc />
    public SynthesisInfo Info { get; }

    /// <inheritdoc />
    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        if (result.ImageSize != ImageSize)
        {
            throw new ArgumentException($"The stand-in writes {ImageSize}² results; got {result.ImageSize}².", nameof(result));
        }

        long start = Stopwatch.GetTimestamp();
        // The square the sampler would see (the centre square by default), so the stand-in's X-ray and keypoints sit where
        // the model's would.
        var map = Letterbox.For(frame.Width, frame.Height, ImageSize, options.FrameFit);
        WriteCondition(frame, map, result.Condition);

        PhantomCameraTruth? truth = null;
        if (_twin is not null && _twinFrame is not null && frame.Width == _twinFrame.Width && frame.Height == _twinFrame.Height)
        {
            _twin.RenderFrame(frame.Sequence, _twinFrame);
            truth = _twin.CurrentTruth;
        }

        if (truth is not null)
        {
            WritePhantomXray(truth, map, result.Xray);
            WriteKeypoints(truth, frame.Sequence, map, result);
        }
        else
        {
            WriteInvertedGray(result.Condition, result.Xray);
            result.HasKeypoints = false;
            result.Kcc = 0;
            result.Angles = null;
            Array.Clear(result.Keypoints);
        }

        int passes = (options.Steps - (options.WarmStartIndex ?? 0)) * (options.Variant == SamplerVariant.Sag ? 2 : 1);
        result.NetworkCalls = passes;
        result.Reused = false;
        result.FrameId = frame.Sequence;
        result.CaptureTimestamp = frame.CaptureTimestamp;
        if (_passMs > 0)
        {
            double remaining = (passes * _passMs) - (Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (remaining >= 1)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(remaining));
            }
        }

        result.CompletedTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Gray of the frame, fitted into the square as the sampler fits it, in [−1, 1] (padding −1), as the model's condition.</summary>
    private static void WriteCondition(CameraFrame frame, Letterbox map, float[] condition)
    {
        byte[] px = frame.Pixels;
        for (int y = 0; y < ImageSize; y++)
        {
            for (int x = 0; x < ImageSize; x++)
            {
                map.ToFrame(x + 0.5, y + 0.5, out double fx, out double fy);
                int ix = (int)fx, iy = (int)fy;
                float v = -1f;
                if (fx >= 0 && fy >= 0 && ix < frame.Width && iy < frame.Height)
                {
                    int i = ((iy * frame.Width) + ix) * 4;
                    v = ((px[i] + (2 * px[i + 1]) + px[i + 2]) / (4f * 127.5f)) - 1f;
                }

                condition[(y * ImageSize) + x] = v;
            }
        }
    }

    /// <summary>Inverted 3×3 box blur of the condition, stretched to [−1, 1]: an "X-ray" that is obviously not one.</summary>
    private void WriteInvertedGray(float[] condition, float[] xray)
    {
        for (int y = 0; y < ImageSize; y++)
        {
            for (int x = 0; x < ImageSize; x++)
            {
                float sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = Math.Clamp(y + dy, 0, ImageSize - 1);
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        sum += condition[(yy * ImageSize) + Math.Clamp(x + dx, 0, ImageSize - 1)];
                    }
                }

                _gray[(y * ImageSize) + x] = -sum / 9f;
            }
        }

        float lo = float.MaxValue, hi = float.MinValue;
        foreach (float v in _gray)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        float scale = hi > lo ? 2f / (hi - lo) : 0f;
        for (int i = 0; i < xray.Length; i++)
        {
            xray[i] = ((_gray[i] - lo) * scale) - 1f;
        }
    }

    /// <summary>The patient's phantom X-ray, moved into the frame's pose (similarity fitted on the keypoints) and fitted into the square.</summary>
    private void WritePhantomXray(PhantomCameraTruth truth, Letterbox map, float[] xray)
    {
        if (_sampleSeed != truth.PatientSeed || _sample is null)
        {
            // The same rendering the camera uses for this patient, so the keypoints correspond one to one.
            _sample = FootPhantom.Generate(truth.PatientSeed, _renderSize, new PhantomOptions { Background = BackgroundKind.Black, RotationDegrees = 0, Scale = 1, Centered = true, Clean = true });
            _sampleSeed = truth.PatientSeed;
        }

        var sample = _sample;
        var fit = Similarity.Fit(truth.Keypoints, sample.Keypoints);
        int n = sample.Size;
        byte[] source = sample.XRay;

        // Outside the phantom's rendered square, continue its background level so the square leaves no seam.
        float background = (float)((source[0] / 127.5) - 1);
        for (int y = 0; y < ImageSize; y++)
        {
            for (int x = 0; x < ImageSize; x++)
            {
                map.ToFrame(x + 0.5, y + 0.5, out double fx, out double fy);
                fit.Apply(fx, fy, out double sx, out double sy);
                sx -= 0.5;
                sy -= 0.5;
                float v = background;
                if (sx >= 0 && sy >= 0 && sx < n - 1 && sy < n - 1)
                {
                    int ix = (int)sx, iy = (int)sy;
                    double ax = sx - ix, ay = sy - iy;
                    int i = (iy * n) + ix;
                    double g = (source[i] * (1 - ax) * (1 - ay)) + (source[i + 1] * ax * (1 - ay)) + (source[i + n] * (1 - ax) * ay) + (source[i + n + 1] * ax * ay);
                    v = (float)((g / 127.5) - 1);
                }

                xray[(y * ImageSize) + x] = v;
            }
        }
    }

    /// <summary>True keypoints in X-ray coordinates, jittered, with confidences that drop with motion and outside the frame.</summary>
    private void WriteKeypoints(PhantomCameraTruth truth, long sequence, Letterbox map, SynthesisResult result)
    {
        var points = truth.Keypoints.Points;
        int width = _twinFrame!.Width, height = _twinFrame.Height;
        for (int i = 0; i < FootSkeleton.Count; i++)
        {
            var p = points[i];
            double motion = _havePrevious ? p.DistanceTo(_previousTruth[i]) : 0;
            map.ToImage(p.X, p.Y, out double ix, out double iy);
            // Inside the frame and inside the square the model sees (a centre crop cuts the frame's sides off).
            bool inside = p.X >= 4 && p.Y >= 4 && p.X < width - 4 && p.Y < height - 4 && ix >= 0 && iy >= 0 && ix < ImageSize && iy < ImageSize;
            double noise = Hash(sequence, i, 0);
            // Motion lowers confidence unevenly (some points stay sure), so a moving foot reads "hold still" rather than "no foot".
            double confidence = inside ? 0.93 - Math.Min(0.3, motion / 60.0) + (0.06 * noise) : 0.12 + (0.05 * noise);
            ix += 0.2 * Hash(sequence, i, 1);
            iy += 0.2 * Hash(sequence, i, 2);
            _jittered[i] = new Keypoint2D(ix, iy);
            result.Keypoints[i] = new DetectedKeypoint((float)ix, (float)iy, (float)Math.Clamp(confidence, 0, 1));
            _previousTruth[i] = p;
        }

        _havePrevious = true;
        result.HasKeypoints = true;
        result.Kcc = Kcc.Compute(result.Keypoints);
        result.Angles = result.Kcc >= Kcc.ClinicalBar ? FootAngles.Measure(new KeypointSet(_jittered)) : null;
    }

    /// <summary>A deterministic value in [−1, 1] from (frame, keypoint, channel).</summary>
    private static double Hash(long sequence, int index, int channel)
    {
        ulong h = (ulong)sequence * 0x9E3779B97F4A7C15UL ^ ((ulong)index * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)channel * 0x165667B19E3779F9UL);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return ((h >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _twin?.Dispose();
    }
}
