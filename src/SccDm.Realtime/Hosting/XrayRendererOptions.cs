using SccDm.Realtime.Gpu;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Hosting;

/// <summary>How to create an <see cref="XrayRenderer"/> (<see cref="XrayRenderer.Create"/>).</summary>
public sealed record XrayRendererOptions
{
    /// <summary>The SCCDM denoiser ONNX file (required unless <see cref="Synthesizer"/> is given), e.g. models/sccdm_kiosk.onnx.</summary>
    public string DenoiserModelPath { get; init; } = "";

    /// <summary>The keypoint detector ONNX file, e.g. models/foot_keypoints.onnx; null: no keypoints, KCC or angles.</summary>
    public string? KeypointModelPath { get; init; }

    /// <summary>
    /// libonnxruntime.so.1 or its folder; null looks where the plugin always looks (SCCDM_ORT_PATH, then
    /// .deps/onnxruntime above the application). Only the first renderer of a process can choose.
    /// </summary>
    public string? OnnxRuntimePath { get; init; }

    /// <summary>
    /// The host's Vulkan instance, physical device, device and queue. Null: the renderer creates its own (Vulkan 1.3,
    /// the best device) and destroys it with itself.
    /// </summary>
    public GpuExternalHandles? Vulkan { get; init; }

    /// <summary>Own device only: enable the Khronos validation layer (messages in <see cref="XrayRenderer.ValidationMessages"/>).</summary>
    public bool EnableValidation { get; init; }

    /// <summary>What the result image holds (default the X-ray alone).</summary>
    public RendererOutput Output { get; init; } = RendererOutput.Xray;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ORT choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Let ONNX Runtime's threads spin-wait between runs (<see cref="Models.ModelOptions.IntraOpSpinning"/>). Off by
    /// default here: a spinning thread takes CPU from the host engine it is embedded in.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>
    /// A synthesizer the host built, in place of <see cref="DenoiserModelPath"/> and <see cref="KeypointModelPath"/>
    /// (which must then be empty): a model opened with other options, the sampler in C#
    /// (<see cref="CpuFrameSynthesizer"/>), a researcher's own model, an imitation for UI tests. The renderer runs it
    /// on its synthesis thread behind the same similarity filter and warm start as its own models. It takes the
    /// synthesizer over when <see cref="XrayRenderer.Create"/> is called: it disposes it with itself, or at once when
    /// Create fails. With <see cref="RendererOutput.None"/> and no <see cref="Vulkan"/> the renderer needs no Vulkan
    /// device at all.
    /// </summary>
    public IFrameSynthesizer? Synthesizer { get; init; }

    /// <summary>
    /// Receives a "synthesis" stage for every frame the synthesizer ran (frame id: the frame's sequence), recorded on
    /// the renderer's thread, which it names "synthesis" there. The renderer's own models record their stages into it
    /// too; a host's <see cref="Synthesizer"/> records what it was built to record. Null: nothing is recorded.
    /// </summary>
    public FrameProfiler? Profiler { get; init; }

    /// <summary>The sampler settings to start with (change them later with <see cref="XrayRenderer.Sampler"/>).</summary>
    public RendererSamplerSettings Sampler { get; init; } = new();
}
