using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Hosting;

/// <summary>
/// One result image the host reads: an R8G8B8A8 VkImage, the host-visible staging buffer its pixels are drawn
/// into, and a command buffer and fence for the copy. The copy is submitted without waiting: the host waits on
/// <see cref="Fence"/>; the renderer waits on it only before it reuses this target.
/// </summary>
internal sealed unsafe class OutputTarget : IDisposable
{
    private readonly GpuDevice _device;
    private readonly DeviceMemory _memory;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _cmd;
    private bool _submitted;
    private int _disposed;

    private OutputTarget(GpuDevice device, int width, int height, Image image, DeviceMemory memory, GpuBuffer staging, CommandPool pool, CommandBuffer cmd, Fence fence)
    {
        _device = device;
        Width = width;
        Height = height;
        Image = image;
        _memory = memory;
        Staging = staging;
        _pool = pool;
        _cmd = cmd;
        Fence = fence;
    }

    /// <summary>The layout a published image is in: what engines sample. The host may transition it (e.g. to copy
    /// it); the renderer discards the contents whenever it rewrites the image.</summary>
    public const ImageLayout Layout = ImageLayout.ShaderReadOnlyOptimal;

    public int Width { get; }

    public int Height { get; }

    public Image Image { get; }

    public Fence Fence { get; }

    /// <summary>Width × Height × 4 bytes, RGBA, rows top to bottom: draw here, then <see cref="Submit"/>.</summary>
    public GpuBuffer Staging { get; }

    public static OutputTarget Create(GpuDevice device, int width, int height)
    {
        var vk = device.Vk;
        var undo = new Stack<Action>();
        try
        {
            var imageInfo = new ImageCreateInfo
            {
                ImageType = ImageType.Type2D,
                Format = Format.R8G8B8A8Unorm,
                Extent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
                MipLevels = 1,
                ArrayLayers = 1,
                Samples = SampleCountFlags.Count1Bit,
                Tiling = ImageTiling.Optimal,
                Usage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit | ImageUsageFlags.SampledBit,
                SharingMode = SharingMode.Exclusive,
                InitialLayout = ImageLayout.Undefined,
            };
            var (image, memory) = device.CreateBoundImage(in imageInfo, undo);

            var staging = GpuBuffer.Create(device, (long)width * height * 4);
            undo.Push(staging.Dispose);
            var poolInfo = new CommandPoolCreateInfo { Flags = CommandPoolCreateFlags.ResetCommandBufferBit, QueueFamilyIndex = device.ComputeQueueFamilyIndex };
            vk.CreateCommandPool(device.Device, in poolInfo, null, out var pool).Check("vkCreateCommandPool");
            undo.Push(() => vk.DestroyCommandPool(device.Device, pool, null));
            var cmdInfo = new CommandBufferAllocateInfo { CommandPool = pool, Level = CommandBufferLevel.Primary, CommandBufferCount = 1 };
            CommandBuffer cmd;
            vk.AllocateCommandBuffers(device.Device, &cmdInfo, &cmd).Check("vkAllocateCommandBuffers");
            var fenceInfo = new FenceCreateInfo();
            vk.CreateFence(device.Device, in fenceInfo, null, out var fence).Check("vkCreateFence");
            return new OutputTarget(device, width, height, image, memory, staging, pool, cmd, fence);
        }
        catch
        {
            while (undo.Count > 0)
            {
                undo.Pop()();
            }

            throw;
        }
    }

    /// <summary>Waits until the last copy into this target finished (before drawing into the staging buffer again).</summary>
    public void WaitIdle()
    {
        if (!_submitted)
        {
            return;
        }

        var fence = Fence;
        var vk = _device.Vk;
        var result = vk.WaitForFences(_device.Device, 1, &fence, true, 120_000_000_000UL).Check("vkWaitForFences");
        if (result == Result.Timeout)
        {
            throw new TimeoutException("vkWaitForFences: the result image copy did not finish within 2 minutes");
        }

        vk.ResetFences(_device.Device, 1, &fence).Check("vkResetFences");
        _submitted = false;
    }

    /// <summary>
    /// Records and submits: image UNDEFINED → TRANSFER_DST (the old contents are discarded), copy from the staging
    /// buffer, → SHADER_READ_ONLY_OPTIMAL with the writes made available to any later reader; signals <see cref="Fence"/>.
    /// </summary>
    public void Submit()
    {
        var vk = _device.Vk;
        vk.ResetCommandBuffer(_cmd, 0).Check("vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        vk.BeginCommandBuffer(_cmd, in begin).Check("vkBeginCommandBuffer");
        // The host's last reads of this image finished before it released it (the API's rule); TOP_OF_PIPE suffices.
        _device.CmdImageBarrier(_cmd, Image, ImageLayout.Undefined, ImageLayout.TransferDstOptimal, PipelineStageFlags.TopOfPipeBit, AccessFlags.None, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 },
            ImageExtent = new Extent3D { Width = (uint)Width, Height = (uint)Height, Depth = 1 },
        };
        vk.CmdCopyBufferToImage(_cmd, Staging.Handle, Image, ImageLayout.TransferDstOptimal, 1, &region);
        _device.CmdImageBarrier(_cmd, Image, ImageLayout.TransferDstOptimal, Layout, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit);
        vk.EndCommandBuffer(_cmd).Check("vkEndCommandBuffer");
        var cmd = _cmd;
        var submit = new SubmitInfo { CommandBufferCount = 1, PCommandBuffers = &cmd };
        lock (_device.QueueLock)
        {
            vk.QueueSubmit(_device.ComputeQueue, 1, &submit, Fence).Check("vkQueueSubmit");
        }

        _submitted = true;
    }

    /// <summary>Waits for the last copy, then destroys the fence, pool, staging buffer, image and memory. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            WaitIdle();
        }
        finally
        {
            var vk = _device.Vk;
            vk.DestroyFence(_device.Device, Fence, null);
            vk.DestroyCommandPool(_device.Device, _pool, null);
            Staging.Dispose();
            vk.DestroyImage(_device.Device, Image, null);
            vk.FreeMemory(_device.Device, _memory, null);
        }
    }
}
