using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Sampling.Gpu.Cuda;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>
/// The CUDA seam as far as a machine without an NVIDIA GPU can take it: the Vulkan export (lavapipe supports
/// VK_KHR_external_memory_fd), the probe's reason, and the staged-copy fallback's log line.
/// </summary>
public sealed class CudaInteropSeamTests
{
    private static GpuDevice CreateDevice(bool externalMemory) => GpuDevice.Create(new GpuDeviceOptions
    {
        EnableValidation = true,
        ApplicationName = "SccDm.Realtime.Tests",
        RequiredDeviceExtensions = externalMemory ? [Vk.KhrExternalMemoryFdExtensionName] : [],
    });

    [Fact]
    public void WithoutTheExtensionTheProbeSaysSo()
    {
        var device = CreateDevice(externalMemory: false);
        using (device)
        {
            CudaInteropStatus status = CudaInteropSeam.Probe(device);
            Assert.False(status.Available);
            Assert.Contains(Vk.KhrExternalMemoryFdExtensionName, status.Reason);
        }
        Tests.Gpu.ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void VulkanExportsAnOpaqueFdAndTheProbeNamesWhatIsMissingNext()
    {
        var device = CreateDevice(externalMemory: true);
        using (device)
        {
            var exporter = new VulkanExternalMemoryExporter(device);
            Assert.Null(exporter.UnavailableReason);
            using (ExportedMemory exported = exporter.Export(1 << 20))
            {
                Assert.True(exported.FileDescriptor >= 0, $"fd {exported.FileDescriptor}");
                Assert.True(exported.AllocationSize >= 1 << 20);
            }

            CudaInteropStatus status = CudaInteropSeam.Probe(device);
            if (File.Exists("/dev/nvidiactl"))
            {
                return; // an NVIDIA machine: either outcome is legitimate here
            }
            Assert.False(status.Available);
            Assert.Contains("libcuda.so.1", status.Reason);
        }
        Tests.Gpu.ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void OnCudaWithoutTheSeamTheSamplerStagesCopiesAndSaysWhyOnce()
    {
        var lines = new List<string>();
        TensorResidency residency = TensorResidencyPolicy.Choose(
            ExecutionProviderKind.Cuda, () => new CudaInteropStatus(false, "libcuda.so.1 not found (no NVIDIA driver)"), lines.Add);
        Assert.Equal(TensorResidency.StagedCopies, residency);
        Assert.Equal(["CUDA external memory unavailable (libcuda.so.1 not found (no NVIDIA driver)) — using staged copies"], lines);

        lines.Clear();
        bool probed = false;
        Assert.Equal(TensorResidency.HostMappedZeroCopy, TensorResidencyPolicy.Choose(ExecutionProviderKind.Cpu, () => { probed = true; return new(true, ""); }, lines.Add));
        Assert.False(probed);
        Assert.Empty(lines);
    }
}
