using Microsoft.Win32.SafeHandles;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;
using VkBuffer = SccDm.Realtime.Native.Vulkan.Buffer;

namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>
/// A Vulkan storage buffer on a dedicated, exportable allocation, with the OPAQUE_FD that refers to it. The fd is
/// ours until <see cref="TakeFileDescriptor"/> hands it to an importer (cuImportExternalMemory owns it on success);
/// otherwise <see cref="Dispose"/> closes it. The Vulkan objects are destroyed on dispose, after the importer has
/// released its mapping.
/// </summary>
public sealed unsafe class ExportedMemory : IDisposable
{
    private readonly GpuDevice _device;
    private int _fd;
    private int _disposed;

    internal ExportedMemory(GpuDevice device, VkBuffer buffer, DeviceMemory memory, ulong allocationSize, int fd)
    {
        _device = device;
        Buffer = buffer;
        Memory = memory;
        AllocationSize = allocationSize;
        _fd = fd;
    }

    /// <summary>The VkBuffer (storage, transfer src/dst) bound at offset 0.</summary>
    public VkBuffer Buffer { get; }

    /// <summary>The exportable VkDeviceMemory.</summary>
    public DeviceMemory Memory { get; }

    /// <summary>The allocation's size, which the importer must be told (VkMemoryRequirements.size).</summary>
    public ulong AllocationSize { get; }

    /// <summary>The exported fd, or −1 once taken.</summary>
    public int FileDescriptor => Volatile.Read(ref _fd);

    /// <summary>Transfers ownership of the fd to the caller (an importer); −1 if already taken.</summary>
    public int TakeFileDescriptor() => Interlocked.Exchange(ref _fd, -1);

    /// <summary>Closes the fd if still ours, then destroys the buffer and frees the memory. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        int fd = TakeFileDescriptor();
        if (fd >= 0)
        {
            // SafeFileHandle closes a POSIX fd without a P/Invoke of our own.
            new SafeFileHandle(fd, ownsHandle: true).Dispose();
        }
        _device.Vk.DestroyBuffer(_device.Device, Buffer, null);
        _device.Vk.FreeMemory(_device.Device, Memory, null);
    }
}
