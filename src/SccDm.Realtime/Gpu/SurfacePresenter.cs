using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Vulkan;
using VkSemaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// Presents CPU-composed RGBA8 frames to a window surface: a swapchain (recreated, with everything that depends on
/// it, when the window is resized or the surface reports out-of-date/suboptimal — as control flow, never as an
/// exception), two frames in flight with one <see cref="PresentFrameResources"/> per slot, and a fullscreen draw
/// (shaders/present_rgba.frag) that copies the composed buffer into the swapchain image in the surface's format.
/// Per frame: <see cref="TryBeginFrame"/>, compose into <see cref="PresentFrame.PixelSpan"/>, <see cref="EndFrame"/>.
/// One thread. Allocates nothing per frame.
/// </summary>
public sealed unsafe class SurfacePresenter : IDisposable
{
    /// <summary>Frames the CPU may run ahead of the GPU.</summary>
    public const int FramesInFlight = 2;

    private readonly GpuDevice _device;
    private readonly SurfaceKHR _surface;
    private readonly SurfacePresenterOptions _options;
    private readonly DescriptorSetLayout _setLayout;
    private readonly PipelineLayout _pipelineLayout;
    private readonly DescriptorPool _descriptorPool;
    private readonly PresentFrameResources[] _frames;
    private Pipeline _pipeline;
    private Format _pipelineFormat;
    private Swapchain? _swapchain;
    private GpuBuffer? _readback;
    private int _readbackWidth;
    private int _readbackHeight;
    private bool _readbackBgra;
    private bool _readbackValid;
    private bool _recreatePending;
    private bool _inFrame;
    private long _frameNumber;
    private int _disposed;

    private SurfacePresenter(GpuDevice device, SurfaceKHR surface, SurfacePresenterOptions options, DescriptorSetLayout setLayout, PipelineLayout pipelineLayout, DescriptorPool descriptorPool, PresentFrameResources[] frames)
    {
        _device = device;
        _surface = surface;
        _options = options;
        _setLayout = setLayout;
        _pipelineLayout = pipelineLayout;
        _descriptorPool = descriptorPool;
        _frames = frames;
    }

    /// <summary>Current swapchain width (0 while minimized).</summary>
    public int Width => (int)(_swapchain?.Extent.Width ?? 0);

    /// <summary>Current swapchain height (0 while minimized).</summary>
    public int Height => (int)(_swapchain?.Extent.Height ?? 0);

    /// <summary>The present mode in use (FIFO with vsync).</summary>
    public PresentModeKHR PresentMode => _swapchain?.PresentMode ?? PresentModeKHR.FifoKhr;

    /// <summary>The swapchain image format in use.</summary>
    public Format Format => _swapchain?.Format ?? Format.Undefined;

    /// <summary>How many times the swapchain was recreated after the first (resize, out-of-date, suboptimal).</summary>
    public int Recreations { get; private set; }

    /// <summary>Frames presented so far.</summary>
    public long FramesPresented => _frameNumber;

    /// <summary>True when frames are copied into the swapchain images; false when drawn by present_rgba.frag.</summary>
    public bool UsesCopy => _swapchain?.UsesCopy ?? false;

    /// <summary>Whether frames can be read back (the surface allows TRANSFER_SRC on swapchain images).</summary>
    public bool SupportsReadback => _swapchain?.SupportsReadback ?? false;

    /// <summary>
    /// Takes ownership of <paramref name="surface"/> (destroyed with the presenter), checks that the device's queue
    /// can present to it, and creates the pipeline and the frame slots. The swapchain itself is created by the first
    /// <see cref="TryBeginFrame"/>.
    /// </summary>
    /// <exception cref="GpuUnavailableException">The device's queue cannot present to this surface.</exception>
    public static SurfacePresenter Create(GpuDevice device, SurfaceKHR surface, SurfacePresenterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.ThrowIfDisposed();
        options ??= new SurfacePresenterOptions();
        var vk = device.Vk;
        var undo = new Stack<Action>();
        // GLFW created the surface outside the command table; it is destroyed through it, so count it.
        vk.TrackExternalObject();
        undo.Push(() => vk.DestroySurfaceKHR(device.Instance, surface, null));
        try
        {
            Bool32 supported;
            vk.GetPhysicalDeviceSurfaceSupportKHR(device.PhysicalDevice, device.ComputeQueueFamilyIndex, surface, &supported).Check("vkGetPhysicalDeviceSurfaceSupportKHR");
            if (!supported)
            {
                throw new GpuUnavailableException($"{device.DeviceName}: queue family {device.ComputeQueueFamilyIndex} cannot present to the window surface");
            }

            var setLayout = DescriptorLayouts.CreateStorageBuffers(device, 1, ShaderStageFlags.FragmentBit);
            undo.Push(() => vk.DestroyDescriptorSetLayout(device.Device, setLayout, null));
            var pipelineLayout = DescriptorLayouts.CreatePipelineLayout(device, setLayout, Marshal.SizeOf<PresentParams>(), ShaderStageFlags.FragmentBit);
            undo.Push(() => vk.DestroyPipelineLayout(device.Device, pipelineLayout, null));
            var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = FramesInFlight };
            var poolInfo = new DescriptorPoolCreateInfo { MaxSets = FramesInFlight, PoolSizeCount = 1, PPoolSizes = &size };
            vk.CreateDescriptorPool(device.Device, in poolInfo, null, out var descriptorPool).Check("vkCreateDescriptorPool");
            undo.Push(() => vk.DestroyDescriptorPool(device.Device, descriptorPool, null));
            var frames = new PresentFrameResources[FramesInFlight];
            for (int i = 0; i < frames.Length; i++)
            {
                var frame = PresentFrameResources.Create(device, descriptorPool, setLayout);
                frames[i] = frame;
                undo.Push(frame.Dispose);
            }

            return new SurfacePresenter(device, surface, options, setLayout, pipelineLayout, descriptorPool, frames);
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

    /// <summary>Asks for a new swapchain before the next frame (e.g. from the window's resize callback).</summary>
    public void RequestRecreate() => _recreatePending = true;

    /// <summary>
    /// Waits until the next slot's previous frame finished, acquires a swapchain image and returns the slot's pixel
    /// buffer at the swapchain's size. Returns false, with nothing to do this frame, when the window is minimized
    /// (framebuffer 0×0) or the swapchain had to be recreated; call again next frame.
    /// </summary>
    /// <param name="framebufferWidth">The window's framebuffer width now (glfwGetFramebufferSize).</param>
    /// <param name="framebufferHeight">The window's framebuffer height now.</param>
    /// <param name="frame">The frame to compose into, when true.</param>
    public bool TryBeginFrame(int framebufferWidth, int framebufferHeight, out PresentFrame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_inFrame)
        {
            throw new InvalidOperationException("TryBeginFrame called twice without EndFrame");
        }

        frame = default;
        if (framebufferWidth <= 0 || framebufferHeight <= 0)
        {
            return false;
        }

        if (_swapchain is null || _recreatePending || _swapchain.Extent.Width != (uint)framebufferWidth || _swapchain.Extent.Height != (uint)framebufferHeight)
        {
            Recreate(framebufferWidth, framebufferHeight);
            if (_swapchain is null)
            {
                return false;
            }
        }

        var vk = _device.Vk;
        var slot = _frames[_frameNumber % FramesInFlight];
        var fence = slot.Fence;
        var waited = vk.WaitForFences(_device.Device, 1, &fence, true, (ulong)_options.FenceTimeout.Ticks * 100).Check("vkWaitForFences");
        if (waited == Result.Timeout)
        {
            throw new TimeoutException($"vkWaitForFences: a frame did not finish within {_options.FenceTimeout}");
        }

        uint imageIndex;
        var acquired = vk.AcquireNextImageKHR(_device.Device, _swapchain!.Handle, ulong.MaxValue, slot.ImageAvailable, default, &imageIndex);
        if (acquired == Result.ErrorOutOfDateKhr)
        {
            // Nothing was signaled or submitted; the fence stays signaled for the next try.
            _recreatePending = true;
            return false;
        }

        if (acquired == Result.SuboptimalKhr)
        {
            // Still presentable: draw this frame, recreate before the next.
            _recreatePending = true;
        }
        else
        {
            acquired.Check("vkAcquireNextImageKHR");
        }

        // Reset only once a submit is certain to follow, or a later wait on this fence would never return.
        vk.ResetFences(_device.Device, 1, &fence).Check("vkResetFences");
        slot.ImageIndex = imageIndex;
        _inFrame = true;
        var chain = _swapchain!;
        frame = new PresentFrame(slot.Pixels!, Width, Height, (int)(_frameNumber % FramesInFlight), imageIndex, chain.UsesCopy && chain.IsBgra);
        return true;
    }

    /// <summary>
    /// Records the draw of the composed buffer into the acquired image, submits and presents it. With
    /// <paramref name="readback"/> (and <see cref="SupportsReadback"/>) the presented pixels are also copied to a
    /// readback buffer for <see cref="TryReadLastReadback"/>.
    /// </summary>
    public void EndFrame(bool readback = false)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_inFrame)
        {
            throw new InvalidOperationException("EndFrame without a successful TryBeginFrame");
        }

        _inFrame = false;
        var vk = _device.Vk;
        var swapchain = _swapchain!;
        var slot = _frames[_frameNumber % FramesInFlight];
        var cmd = slot.CommandBuffer;
        var image = swapchain.Images[slot.ImageIndex];
        bool copy = readback && swapchain.SupportsReadback;
        if (copy)
        {
            EnsureReadback(swapchain);
        }

        vk.ResetCommandBuffer(cmd, 0).Check("vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        vk.BeginCommandBuffer(cmd, in begin).Check("vkBeginCommandBuffer");

        ImageLayout written;
        PipelineStageFlags writeStage;
        AccessFlags writeAccess;
        if (swapchain.UsesCopy)
        {
            // The acquire semaphore is waited at TRANSFER; chaining the layout change to that stage orders it after
            // the presentation engine released the image.
            ImageBarrier(cmd, image, ImageLayout.Undefined, ImageLayout.TransferDstOptimal, PipelineStageFlags.TransferBit, AccessFlags.None, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit);
            var upload = new BufferImageCopy
            {
                ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, MipLevel = 0, BaseArrayLayer = 0, LayerCount = 1 },
                ImageExtent = new Extent3D { Width = swapchain.Extent.Width, Height = swapchain.Extent.Height, Depth = 1 },
            };
            vk.CmdCopyBufferToImage(cmd, slot.Pixels!.Handle, image, ImageLayout.TransferDstOptimal, 1, &upload);
            written = ImageLayout.TransferDstOptimal;
            writeStage = PipelineStageFlags.TransferBit;
            writeAccess = AccessFlags.TransferWriteBit;
        }
        else
        {
            // The acquire semaphore is waited at COLOR_ATTACHMENT_OUTPUT; same chaining as above.
            ImageBarrier(cmd, image, ImageLayout.Undefined, ImageLayout.ColorAttachmentOptimal, PipelineStageFlags.ColorAttachmentOutputBit, AccessFlags.None, PipelineStageFlags.ColorAttachmentOutputBit, AccessFlags.ColorAttachmentWriteBit);
            RecordDraw(cmd, swapchain, slot);
            written = ImageLayout.ColorAttachmentOptimal;
            writeStage = PipelineStageFlags.ColorAttachmentOutputBit;
            writeAccess = AccessFlags.ColorAttachmentWriteBit;
        }

        if (copy)
        {
            ImageBarrier(cmd, image, written, ImageLayout.TransferSrcOptimal, writeStage, writeAccess, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit);
            var region = new BufferImageCopy
            {
                ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, MipLevel = 0, BaseArrayLayer = 0, LayerCount = 1 },
                ImageExtent = new Extent3D { Width = swapchain.Extent.Width, Height = swapchain.Extent.Height, Depth = 1 },
            };
            vk.CmdCopyImageToBuffer(cmd, image, ImageLayout.TransferSrcOptimal, _readback!.Handle, 1, &region);
            var bufferBarrier = new BufferMemoryBarrier
            {
                SrcAccessMask = AccessFlags.TransferWriteBit,
                DstAccessMask = AccessFlags.HostReadBit,
                SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
                DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
                Buffer = _readback.Handle,
                Size = Vk.WholeSize,
            };
            vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, null, 1, &bufferBarrier, 0, null);
            ImageBarrier(cmd, image, ImageLayout.TransferSrcOptimal, ImageLayout.PresentSrcKhr, PipelineStageFlags.TransferBit, AccessFlags.None, PipelineStageFlags.BottomOfPipeBit, AccessFlags.None);
        }
        else
        {
            ImageBarrier(cmd, image, written, ImageLayout.PresentSrcKhr, writeStage, writeAccess, PipelineStageFlags.BottomOfPipeBit, AccessFlags.None);
        }

        vk.EndCommandBuffer(cmd).Check("vkEndCommandBuffer");

        var waitSemaphore = slot.ImageAvailable;
        var waitStage = writeStage;
        VkSemaphore signalSemaphore = swapchain.RenderFinished[slot.ImageIndex];
        var submit = new SubmitInfo
        {
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &waitSemaphore,
            PWaitDstStageMask = &waitStage,
            CommandBufferCount = 1,
            PCommandBuffers = &cmd,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &signalSemaphore,
        };
        var swapchainHandle = swapchain.Handle;
        uint imageIndex = slot.ImageIndex;
        var present = new PresentInfoKHR
        {
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &signalSemaphore,
            SwapchainCount = 1,
            PSwapchains = &swapchainHandle,
            PImageIndices = &imageIndex,
        };
        Result presented;
        lock (_device.QueueLock)
        {
            vk.QueueSubmit(_device.ComputeQueue, 1, &submit, slot.Fence).Check("vkQueueSubmit");
            presented = vk.QueuePresentKHR(_device.ComputeQueue, &present);
        }

        _frameNumber++;
        if (copy)
        {
            _readbackValid = true;
            _readbackWidth = Width;
            _readbackHeight = Height;
            _readbackBgra = swapchain.IsBgra;
        }

        if (presented is Result.ErrorOutOfDateKhr or Result.SuboptimalKhr)
        {
            _recreatePending = true;
            return;
        }

        presented.Check("vkQueuePresentKHR");
    }

    private void RecordDraw(CommandBuffer cmd, Swapchain swapchain, PresentFrameResources slot)
    {
        var vk = _device.Vk;
        var attachment = new RenderingAttachmentInfo
        {
            ImageView = swapchain.Views[slot.ImageIndex],
            ImageLayout = ImageLayout.ColorAttachmentOptimal,
            LoadOp = AttachmentLoadOp.DontCare,
            StoreOp = AttachmentStoreOp.Store,
        };
        var area = new Rect2D { Extent = swapchain.Extent };
        var rendering = new RenderingInfo { RenderArea = area, LayerCount = 1, ColorAttachmentCount = 1, PColorAttachments = &attachment };
        vk.CmdBeginRendering(cmd, in rendering);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, _pipeline);
        var viewport = new Viewport { X = 0, Y = 0, Width = swapchain.Extent.Width, Height = swapchain.Extent.Height, MinDepth = 0, MaxDepth = 1 };
        vk.CmdSetViewport(cmd, 0, 1, &viewport);
        vk.CmdSetScissor(cmd, 0, 1, &area);
        var set = slot.DescriptorSet;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, _pipelineLayout, 0, 1, &set, 0, null);
        var pushConstants = new PresentParams(Width, Height, swapchain.IsSrgb ? 1 : 0);
        vk.CmdPushConstants(cmd, _pipelineLayout, ShaderStageFlags.FragmentBit, 0, (uint)sizeof(PresentParams), &pushConstants);
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRendering(cmd);
    }

    /// <summary>
    /// Copies the last frame presented with <c>EndFrame(readback: true)</c> into a new RGBA array (waits for the
    /// device). False when no such frame exists or the surface does not allow readback.
    /// </summary>
    public bool TryReadLastReadback(out byte[] rgba, out int width, out int height)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        rgba = [];
        width = _readbackWidth;
        height = _readbackHeight;
        if (!_readbackValid || _readback is null)
        {
            return false;
        }

        WaitIdle();
        rgba = new byte[width * height * 4];
        _readback.AsSpan<byte>()[..rgba.Length].CopyTo(rgba);
        if (_readbackBgra)
        {
            for (int i = 0; i < rgba.Length; i += 4)
            {
                (rgba[i], rgba[i + 2]) = (rgba[i + 2], rgba[i]);
            }
        }

        return true;
    }

    /// <summary>Waits until the device finished every submitted frame.</summary>
    public void WaitIdle()
    {
        lock (_device.QueueLock)
        {
            _device.Vk.DeviceWaitIdle(_device.Device).Check("vkDeviceWaitIdle");
        }
    }

    private void EnsureReadback(Swapchain swapchain)
    {
        long size = (long)swapchain.Extent.Width * swapchain.Extent.Height * 4;
        if (_readback is not null && _readback.SizeInBytes == size)
        {
            return;
        }

        // Only when the size changed: a frame in flight may still copy into the old buffer.
        WaitIdle();
        _readback?.Dispose();
        _readback = null;
        _readbackValid = false;
        _readback = GpuBuffer.Create(_device, size);
    }

    private void Recreate(int framebufferWidth, int framebufferHeight)
    {
        // Everything that depends on the swapchain is rebuilt together, after the GPU let go of all of it.
        WaitIdle();
        var old = _swapchain;
        var created = Swapchain.Create(_device, _surface, framebufferWidth, framebufferHeight, _options, old);
        if (created is null)
        {
            // Minimized: keep the old swapchain (if any) until the window has a size again.
            return;
        }

        old?.Dispose();
        if (old is not null)
        {
            Recreations++;
        }

        _swapchain = created;
        _recreatePending = false;
        if (_pipeline.IsNull || _pipelineFormat != created.Format)
        {
            if (!_pipeline.IsNull)
            {
                _device.Vk.DestroyPipeline(_device.Device, _pipeline, null);
                _pipeline = default;
            }

            _pipeline = FullscreenPipeline.Create(_device, _pipelineLayout, "present_rgba.frag", created.Format);
            _pipelineFormat = created.Format;
        }

        foreach (var frame in _frames)
        {
            frame.Resize((int)created.Extent.Width, (int)created.Extent.Height);
        }
    }

    private void ImageBarrier(CommandBuffer cmd, Image image, ImageLayout oldLayout, ImageLayout newLayout, PipelineStageFlags srcStage, AccessFlags srcAccess, PipelineStageFlags dstStage, AccessFlags dstAccess)
        => _device.CmdImageBarrier(cmd, image, oldLayout, newLayout, srcStage, srcAccess, dstStage, dstAccess);

    /// <summary>Waits for the device, then destroys in reverse order of creation: readback, swapchain, pipeline, slots, pool, layouts, surface. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        Result idle;
        lock (_device.QueueLock)
        {
            idle = vk.DeviceWaitIdle(_device.Device);
        }

        _readback?.Dispose();
        _swapchain?.Dispose();
        if (!_pipeline.IsNull)
        {
            vk.DestroyPipeline(_device.Device, _pipeline, null);
        }

        for (int i = _frames.Length - 1; i >= 0; i--)
        {
            _frames[i].Dispose();
        }

        vk.DestroyDescriptorPool(_device.Device, _descriptorPool, null);
        vk.DestroyPipelineLayout(_device.Device, _pipelineLayout, null);
        vk.DestroyDescriptorSetLayout(_device.Device, _setLayout, null);
        vk.DestroySurfaceKHR(_device.Instance, _surface, null);

        // Checked after cleanup so that a lost device still releases everything.
        idle.Check("vkDeviceWaitIdle");
    }

    /// <summary>Push constants of present_rgba.frag (std430 ints).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct PresentParams(int Width, int Height, int SrgbTarget);
}
