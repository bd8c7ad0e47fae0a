using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;
using Semaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Hosting;

/// <summary>
/// Reads a host's camera image (a VkImage it owns, on the same device) into host memory: layout → TRANSFER_SRC,
/// copy into a mapped buffer, back to the host's layout; submitted after an optional host semaphore and waited
/// for. Lives on the producer thread (one recorder per thread); allocates only when the frame size changes.
/// </summary>
internal sealed unsafe class ImageFrameReader(GpuDevice device) : IDisposable
{
    private readonly CommandRecorder _recorder = CommandRecorder.Create(device);
    private GpuBuffer? _staging;

    /// <summary>Copies the image into a mapped buffer and returns its bytes (valid until the next call).</summary>
    public ReadOnlySpan<byte> Read(Image image, ImageLayout layout, int width, int height, Semaphore wait)
    {
        long bytes = (long)width * height * 4;
        if (_staging is null || _staging.SizeInBytes != bytes)
        {
            _staging?.Dispose();
            _staging = null;
            _staging = GpuBuffer.Create(device, bytes);
        }

        var vk = device.Vk;
        var cmd = _recorder.Begin();
        device.CmdImageBarrier(cmd, image, layout, ImageLayout.TransferSrcOptimal, PipelineStageFlags.AllCommandsBit, AccessFlags.MemoryWriteBit, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 },
            ImageExtent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
        };
        vk.CmdCopyImageToBuffer(cmd, image, ImageLayout.TransferSrcOptimal, _staging.Handle, 1, &region);
        device.CmdImageBarrier(cmd, image, ImageLayout.TransferSrcOptimal, layout, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit, PipelineStageFlags.AllCommandsBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit);
        _recorder.BufferBarrier(_staging, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.HostBit, AccessFlags.HostReadBit);
        _recorder.SubmitAndWait(wait, PipelineStageFlags.TransferBit);
        return _staging.AsSpan<byte>();
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _staging?.Dispose();
    }
}
