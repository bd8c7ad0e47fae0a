using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>
/// The CUDA/Vulkan external-memory seam for when ORT runs on the CUDA execution provider: a Vulkan allocation
/// exported as an OPAQUE_FD (<see cref="IExternalMemoryExporter"/>) and imported with cuImportExternalMemory, so
/// the shaders and the network could share device memory. <see cref="Probe"/> tries the whole round trip on a
/// small allocation and says why it fails when it does; the sampler then falls back to staged copies.
/// </summary>
public static class CudaInteropSeam
{
    private const long ProbeBytes = 64 * 1024;

    /// <summary>
    /// Exports a small Vulkan allocation from <paramref name="device"/> and imports it into CUDA device
    /// <paramref name="cudaDevice"/>. Never throws for an environment problem; the status says what happened.
    /// </summary>
    public static CudaInteropStatus Probe(GpuDevice device, int cudaDevice = 0) => Probe(new VulkanExternalMemoryExporter(device), cudaDevice);

    /// <summary>Like <see cref="Probe(GpuDevice, int)"/> with a given exporter (tests substitute one).</summary>
    public static CudaInteropStatus Probe(IExternalMemoryExporter exporter, int cudaDevice = 0)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        if (exporter.UnavailableReason is { } vulkanReason)
        {
            return new CudaInteropStatus(false, vulkanReason);
        }

        // Vulkan first: it is testable everywhere (lavapipe exports OPAQUE_FD too), CUDA only on NVIDIA machines.
        ExportedMemory exported;
        try
        {
            exported = exporter.Export(ProbeBytes);
        }
        catch (Exception e) when (e is Native.Vulkan.VulkanException or GpuUnavailableException or InvalidOperationException)
        {
            return new CudaInteropStatus(false, $"exporting Vulkan memory failed: {e.Message}");
        }

        using (exported)
        {
            using CudaDriver? driver = CudaDriver.TryOpen(cudaDevice, out string reason);
            if (driver is null)
            {
                return new CudaInteropStatus(false, reason);
            }
            int fd = exported.TakeFileDescriptor();
            int result = driver.ImportOpaqueFd(fd, exported.AllocationSize, out nint memory, out ulong pointer);
            if (result != 0)
            {
                // On failure CUDA did not take the fd.
                new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true).Dispose();
                return new CudaInteropStatus(false, $"cuImportExternalMemory failed (CUresult {result})");
            }
            driver.Release(memory, pointer);
            return new CudaInteropStatus(true, $"Vulkan OPAQUE_FD memory imported into CUDA device {cudaDevice}");
        }
    }
}
