using SccDm.Realtime.Capture;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Models;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// The synthesizer whose non-network steps run in C# (the sampler's reference implementation): camera frame →
/// condition → reduced-step SCCDM → keypoints → KCC and angles. It is the fallback when no Vulkan device exists and
/// the yardstick of the Vulkan path. All buffers are allocated once.
/// </summary>
public sealed class CpuFrameSynthesizer : IFrameSynthesizer
{
    private readonly OrtDenoiserNetwork _network;
    private readonly ReferenceSampler _sampler;
    private readonly KeypointDetector? _detector;
    private readonly FrameProfiler? _profiler;
    private readonly int _condStage, _sampleStage, _keypointStage;
    private readonly float[] _d0, _previousD0;
    private readonly KeypointMeasurement _measurement;
    private bool _hasPrevious;

    /// <summary>Creates a synthesizer over opened models; it does not own them.</summary>
    public CpuFrameSynthesizer(DenoiserModel denoiser, KeypointModel? keypoints, FrameProfiler? profiler = null)
    {
        _network = new OrtDenoiserNetwork(denoiser);
        _sampler = new ReferenceSampler(_network);
        _detector = keypoints is null ? null : new KeypointDetector(keypoints);
        _measurement = new KeypointMeasurement(_detector);
        _profiler = profiler;
        if (profiler is not null)
        {
            _condStage = profiler.StageId("cond");
            _sampleStage = profiler.StageId("sample");
            _keypointStage = profiler.StageId("keypoints");
        }
        int n = _network.ImageSize * _network.ImageSize;
        _d0 = new float[n];
        _previousD0 = new float[n];
        Info = new SynthesisInfo(_network.ImageSize, Path.GetFileName(denoiser.Path), keypoints is null ? "" : Path.GetFileName(keypoints.Path),
            denoiser.ExecutionProvider.Provider.ToString().ToUpperInvariant(), denoiser.ExecutionProvider.Reason, "CPU reference (C#)");
    }

    /// <inheritdoc />
    public SynthesisInfo Info { get; }

    /// <summary>Network passes of the last frame.</summary>
    public int LastNetworkCalls => _sampler.NetworkCalls;

    /// <inheritdoc />
    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
    {
        int size = _network.ImageSize;
        if (result.ImageSize != size)
        {
            throw new ArgumentException($"the result holds {result.ImageSize}² pixels; this model makes {size}²", nameof(result));
        }
        long id = frame.Sequence;
        using (Measure(_condStage, id))
        {
            CameraToCond.Apply(frame.Pixels, frame.Width, frame.Height, result.Condition, size, options.FrameFit);
        }
        using (Measure(_sampleStage, id))
        {
            bool warm = options.WarmStartIndex is not null && _hasPrevious;
            _sampler.Sample(result.Condition, options, _d0, result.Xray, warm ? _previousD0 : default);
            _d0.CopyTo(_previousD0, 0);
            _hasPrevious = true;
        }
        result.NetworkCalls = _sampler.NetworkCalls;
        result.FrameId = id;
        result.CaptureTimestamp = frame.CaptureTimestamp;
        result.Reused = false;
        using (Measure(_keypointStage, id))
        {
            _measurement.Measure(result);
        }
        result.CompletedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Forgets the previous frame, so the next warm start begins from noise.</summary>
    public void ResetWarmStart() => _hasPrevious = false;

    /// <inheritdoc />
    public void Dispose()
    {
        _detector?.Dispose();
        _network.Dispose();
    }

    private StageScope? Measure(int stage, long frameId) => _profiler?.Measure(stage, frameId);
}
