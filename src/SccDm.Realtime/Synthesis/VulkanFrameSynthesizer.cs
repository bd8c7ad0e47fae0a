using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Models;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// The production synthesizer: camera frame → condition → reduced-step SCCDM with every non-network step in GLSL
/// compute on the Vulkan device and ORT reading and writing the same mapped memory → keypoints → KCC and angles.
/// </summary>
public sealed class VulkanFrameSynthesizer : IFrameSynthesizer
{
    private readonly VulkanSampler _sampler;
    private readonly KeypointDetector? _detector;
    private readonly KeypointMeasurement _measurement;
    private readonly FrameProfiler? _profiler;
    private readonly int _keypointStage;

    /// <summary>Creates a synthesizer on <paramref name="device"/> over opened models; it owns none of them.</summary>
    public VulkanFrameSynthesizer(GpuDevice device, DenoiserModel denoiser, KeypointModel? keypoints, FrameProfiler? profiler = null, Action<string>? log = null)
    {
        _sampler = new VulkanSampler(device, denoiser, profiler, log);
        _detector = keypoints is null ? null : new KeypointDetector(keypoints);
        _measurement = new KeypointMeasurement(_detector);
        _profiler = profiler;
        _keypointStage = profiler?.StageId("keypoints") ?? 0;
        Info = new SynthesisInfo(_sampler.ImageSize, Path.GetFileName(denoiser.Path), keypoints is null ? "" : Path.GetFileName(keypoints.Path),
            denoiser.ExecutionProvider.Provider.ToString().ToUpperInvariant(), denoiser.ExecutionProvider.Reason, device.DeviceName);
    }

    /// <inheritdoc />
    public SynthesisInfo Info { get; }

    /// <inheritdoc />
    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
    {
        if (result.ImageSize != _sampler.ImageSize)
        {
            throw new ArgumentException($"the result holds {result.ImageSize}² pixels; this model makes {_sampler.ImageSize}²", nameof(result));
        }
        _sampler.Sample(frame, options);
        _sampler.Image.CopyTo(result.Xray);
        _sampler.Cond.CopyTo(result.Condition);
        result.NetworkCalls = _sampler.NetworkCalls;
        result.FrameId = frame.Sequence;
        result.CaptureTimestamp = frame.CaptureTimestamp;
        result.Reused = false;
        using (_profiler?.Measure(_keypointStage, frame.Sequence))
        {
            _measurement.Measure(result);
        }
        result.CompletedTimestamp = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _detector?.Dispose();
        _sampler.Dispose();
    }
}
