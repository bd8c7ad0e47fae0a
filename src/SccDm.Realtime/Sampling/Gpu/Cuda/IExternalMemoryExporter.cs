namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>
/// The Vulkan half of the CUDA seam: allocates device memory that another API can import, and exports it as a
/// POSIX file descriptor (VK_KHR_external_memory_fd, handle type OPAQUE_FD).
/// </summary>
public interface IExternalMemoryExporter
{
    /// <summary>Null when exporting works on this device; otherwise why not (e.g. the extension is not enabled).</summary>
    string? UnavailableReason { get; }

    /// <summary>Allocates <paramref name="sizeInBytes"/> of exportable memory bound to a storage buffer and exports its fd.</summary>
    /// <exception cref="InvalidOperationException">Exporting is unavailable (<see cref="UnavailableReason"/>).</exception>
    ExportedMemory Export(long sizeInBytes);
}
