namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>Where the last <see cref="VulkanSampler"/> frame spent its time, in milliseconds.</summary>
/// <param name="TotalMs">The whole Sample call.</param>
/// <param name="NetworkMs">Sum of the ORT runs.</param>
/// <param name="ShaderWallMs">Sum of record + submit + fence wait of the shader command buffers (what the frame pays).</param>
/// <param name="ShaderGpuMs">Sum of the GPU time between timestamps (0 when the queue has no timestamps).</param>
/// <param name="UploadMs">Copying the caller's cond / camera frame / previous d₀ into mapped memory.</param>
/// <param name="NetworkCalls">ORT runs.</param>
/// <param name="Submits">Command buffers submitted.</param>
public readonly record struct SamplerFrameTimings(double TotalMs, double NetworkMs, double ShaderWallMs, double ShaderGpuMs, double UploadMs, int NetworkCalls, int Submits);
