using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>How to open a model: execution provider, threads, graph optimization, and where to report the provider choice.</summary>
public sealed record ModelOptions
{
    /// <summary>Defaults: auto provider, ORT's thread count, full optimization.</summary>
    public static ModelOptions Default { get; } = new();

    /// <summary>Which execution provider to ask for.</summary>
    public ExecutionProviderRequest ExecutionProvider { get; init; } = ExecutionProviderRequest.Auto;

    /// <summary>The GPU for CUDA.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>Threads inside one operator; 0 lets ORT choose.</summary>
    public int IntraOpNumThreads { get; init; }

    /// <summary>
    /// Whether ORT's intra-op threads spin while waiting for work (ORT's default, true). The kiosk turns it off: on
    /// a few shared cores the spinning threads take the CPU the display, capture and Vulkan sampler need.
    /// </summary>
    public bool IntraOpSpinning { get; init; } = true;

    /// <summary>Graph optimization at load time.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    /// <summary>Receives one line saying which provider was chosen and why; null to stay silent.</summary>
    public Action<string>? Log { get; init; }
}
