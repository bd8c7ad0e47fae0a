namespace SccDm.Realtime.Synthesis;

/// <summary>What a synthesizer runs on, for the HUD, the recording and the bench report.</summary>
/// <param name="ImageSize">Side of the square synthetic X-ray.</param>
/// <param name="ModelName">Denoiser file name.</param>
/// <param name="KeypointModelName">Keypoint detector file name, or empty when none is loaded.</param>
/// <param name="ExecutionProvider">"CPU" or "CUDA".</param>
/// <param name="ProviderReason">Why that provider (e.g. the CUDA fallback reason).</param>
/// <param name="Device">The Vulkan device name, or "CPU reference" when the sampler runs in C#.</param>
public sealed record SynthesisInfo(int ImageSize, string ModelName, string KeypointModelName, string ExecutionProvider, string ProviderReason, string Device);
