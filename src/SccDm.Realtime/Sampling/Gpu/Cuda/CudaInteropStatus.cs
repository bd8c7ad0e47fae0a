namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>Whether Vulkan memory can be shared with CUDA on this machine, and why (not).</summary>
/// <param name="Available">True when a Vulkan allocation was exported and imported into CUDA.</param>
/// <param name="Reason">A sentence for the log and <c>sccdm doctor</c>.</param>
public sealed record CudaInteropStatus(bool Available, string Reason);
