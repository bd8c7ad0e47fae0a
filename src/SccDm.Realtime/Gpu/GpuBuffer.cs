using System.Runtime.CompilerServices;
using SccDm.Realtime.Native.Vulkan;
using VkBuffer = SccDm.Realtime.Native.Vulkan.Buffer;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// A storage buffer in HOST_VISIBLE | HOST_COHERENT memory, mapped for its whole life. Host writes before a submit
/// are visible to the device without a flush; device writes need a barrier to the host stage (see
/// <see cref="CommandRecorder.ComputeToHost"/>) and the submit's fence wait before reading. The mapping starts at
/// offset 0 of a dedicated allocation, so <see cref="MappedPointer"/> is aligned to at least 64 bytes
/// (minMemoryMapAlignment), enough to wrap it as an ONNX Runtime tensor without copying.
/// </summary>
public sealed unsafe class GpuBuffer : IDisposable
{
    private static long s_nextId;

    private readonly GpuDevice _device;
    private readonly VkBuffer _buffer;
    private readonly DeviceMemory _memory;
    private nint _mapped;

    private GpuBuffer(GpuDevice device, VkBuffer buffer, DeviceMemory memory, nint mapped, long size)
    {
        _device = device;
        _buffer = buffer;
        _memory = memory;
        _mapped = mapped;
        SizeInBytes = size;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>The VkBuffer.</summary>
    public VkBuffer Handle => _buffer;

    /// <summary>The VkDeviceMemory backing the buffer (dedicated to it).</summary>
    public DeviceMemory Memory => _memory;

    /// <summary>Size in bytes as requested (the allocation may be larger).</summary>
    public long SizeInBytes { get; }

    /// <summary>Host address of byte 0; valid until <see cref="Dispose"/>.</summary>
    public nint MappedPointer
    {
        get
        {
            var p = Volatile.Read(ref _mapped);
            ObjectDisposedException.ThrowIf(p == 0, this);
            return p;
        }
    }

    /// <summary>Unique per buffer object for the process lifetime (Vulkan may reuse handle values after destruction).</summary>
    internal long Id { get; }

    /// <summary>
    /// Allocates and maps a buffer usable as storage buffer and as transfer source/destination.
    /// </summary>
    /// <param name="device">The owning device; dispose the buffer before it.</param>
    /// <param name="sizeInBytes">Requested size, at least 1.</param>
    /// <param name="extraUsage">Usage flags beyond STORAGE_BUFFER | TRANSFER_SRC | TRANSFER_DST.</param>
    public static GpuBuffer Create(GpuDevice device, long sizeInBytes, BufferUsageFlags extraUsage = BufferUsageFlags.None)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeInBytes, 1);
        device.ThrowIfDisposed();
        var vk = device.Vk;
        var info = new BufferCreateInfo
        {
            Size = (ulong)sizeInBytes,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit | extraUsage,
            SharingMode = SharingMode.Exclusive,
        };
        vk.CreateBuffer(device.Device, in info, null, out var buffer).Check("vkCreateBuffer");
        DeviceMemory memory = default;
        try
        {
            vk.GetBufferMemoryRequirements(device.Device, buffer, out var requirements);
            var alloc = new MemoryAllocateInfo
            {
                AllocationSize = requirements.Size,
                MemoryTypeIndex = device.FindMemoryType(
                    requirements.MemoryTypeBits,
                    MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit),
            };
            vk.AllocateMemory(device.Device, in alloc, null, out memory).Check("vkAllocateMemory");
            vk.BindBufferMemory(device.Device, buffer, memory, 0).Check("vkBindBufferMemory");
            void* mapped;
            vk.MapMemory(device.Device, memory, 0, Vk.WholeSize, 0, &mapped).Check("vkMapMemory");
            return new GpuBuffer(device, buffer, memory, (nint)mapped, sizeInBytes);
        }
        catch
        {
            vk.DestroyBuffer(device.Device, buffer, null);
            if (!memory.IsNull)
            {
                vk.FreeMemory(device.Device, memory, null);
            }

            throw;
        }
    }

    /// <summary>Allocates a buffer holding <paramref name="count"/> elements of <typeparamref name="T"/>.</summary>
    public static GpuBuffer Create<T>(GpuDevice device, int count)
        where T : unmanaged =>
        Create(device, (long)count * sizeof(T));

    /// <summary>The mapped memory as <typeparamref name="T"/> elements (SizeInBytes / sizeof(T) of them).</summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged =>
        new((void*)MappedPointer, checked((int)(SizeInBytes / sizeof(T))));

    /// <summary>Unmaps, destroys the buffer and frees its memory. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _mapped, 0) == 0)
        {
            return;
        }

        var vk = _device.Vk;
        vk.UnmapMemory(_device.Device, _memory);
        vk.DestroyBuffer(_device.Device, _buffer, null);
        vk.FreeMemory(_device.Device, _memory, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _mapped) == 0, this);
}
