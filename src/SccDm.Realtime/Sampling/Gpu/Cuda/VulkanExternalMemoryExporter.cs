using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>
/// <see cref="IExternalMemoryExporter"/> over VK_KHR_external_memory_fd: a buffer created with
/// VkExternalMemoryBufferCreateInfo, a dedicated allocation with VkExportMemoryAllocateInfo(OPAQUE_FD), then
/// vkGetMemoryFdKHR. The device must have been created with <see cref="Vk.KhrExternalMemoryFdExtensionName"/> in
/// <see cref="GpuDeviceOptions.RequiredDeviceExtensions"/>.
/// </summary>
public sealed unsafe class VulkanExternalMemoryExporter : IExternalMemoryExporter
{
    private readonly GpuDevice _device;

    /// <summary>Wraps <paramref name="device"/>; works only if it enabled VK_KHR_external_memory_fd.</summary>
    public VulkanExternalMemoryExporter(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        UnavailableReason = device.EnabledDeviceExtensions.Contains(Vk.KhrExternalMemoryFdExtensionName)
            ? null
            : $"{Vk.KhrExternalMemoryFdExtensionName} is not enabled on {device.DeviceName} (create the GpuDevice with it in RequiredDeviceExtensions)";
    }

    /// <inheritdoc />
    public string? UnavailableReason { get; }

    /// <inheritdoc />
    public ExportedMemory Export(long sizeInBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeInBytes, 1);
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var vk = _device.Vk;
        var external = new ExternalMemoryBufferCreateInfo { HandleTypes = ExternalMemoryHandleTypeFlags.OpaqueFdBit };
        var info = new BufferCreateInfo
        {
            PNext = &external,
            Size = (ulong)sizeInBytes,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit,
            SharingMode = SharingMode.Exclusive,
        };
        vk.CreateBuffer(_device.Device, in info, null, out var buffer).Check("vkCreateBuffer");
        DeviceMemory memory = default;
        try
        {
            vk.GetBufferMemoryRequirements(_device.Device, buffer, out var requirements);
            // Dedicated: CUDA imports it with CUDA_EXTERNAL_MEMORY_DEDICATED, the layout NVIDIA drivers expect.
            var dedicated = new MemoryDedicatedAllocateInfo { Buffer = buffer };
            var export = new ExportMemoryAllocateInfo { PNext = &dedicated, HandleTypes = ExternalMemoryHandleTypeFlags.OpaqueFdBit };
            var alloc = new MemoryAllocateInfo
            {
                PNext = &export,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = _device.FindMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.None, MemoryPropertyFlags.DeviceLocalBit),
            };
            vk.AllocateMemory(_device.Device, in alloc, null, out memory).Check("vkAllocateMemory (exportable)");
            vk.BindBufferMemory(_device.Device, buffer, memory, 0).Check("vkBindBufferMemory");
            var getFd = new MemoryGetFdInfoKHR { Memory = memory, HandleType = ExternalMemoryHandleTypeFlags.OpaqueFdBit };
            vk.GetMemoryFdKHR(_device.Device, in getFd, out int fd).Check("vkGetMemoryFdKHR");
            return new ExportedMemory(_device, buffer, memory, requirements.Size, fd);
        }
        catch
        {
            vk.DestroyBuffer(_device.Device, buffer, null);
            if (!memory.IsNull)
            {
                vk.FreeMemory(_device.Device, memory, null);
            }
            throw;
        }
    }
}
