using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Recording;

/// <summary>What a session was made with, written to <c>session.json</c>.</summary>
public sealed record RecordingMetadata
{
    /// <summary>The application and its version.</summary>
    public required string AppVersion { get; init; }

    /// <summary>The frame source's description (no credentials).</summary>
    public required string Source { get; init; }

    /// <summary>The synthesizer: model names, ONNX Runtime provider, Vulkan device.</summary>
    public SynthesisInfo? Synthesis { get; init; }

    /// <summary>The model files (hashed at start).</summary>
    public IReadOnlyList<RecordedModel> Models { get; init; } = [];

    /// <summary>The sampler settings when the recording started.</summary>
    public required SamplerOptions Sampler { get; init; }

    /// <summary>Similarity filter: reuse threshold (mean gray levels; 0 disables reuse).</summary>
    public float ReuseThreshold { get; init; }

    /// <summary>Similarity filter: warm-start threshold (0 disables warm start).</summary>
    public float WarmStartThreshold { get; init; }

    /// <summary>The display device (Vulkan device and present mode, or "headless").</summary>
    public string Display { get; init; } = "";
}
