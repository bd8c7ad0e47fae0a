namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>Where the network's tensors live relative to the shaders' buffers.</summary>
public enum TensorResidency
{
    /// <summary>
    /// CPU execution provider: ORT reads and writes the mapped host-visible Vulkan buffers directly (zero copy).
    /// </summary>
    HostMappedZeroCopy,

    /// <summary>
    /// CUDA execution provider without the external-memory seam: ORT's tensors are still bound over the mapped
    /// buffers, and ORT copies them to and from the GPU around each run (staged copies).
    /// </summary>
    StagedCopies,
}
