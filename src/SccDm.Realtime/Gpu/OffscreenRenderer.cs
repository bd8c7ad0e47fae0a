using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// Draws a float image held in a storage buffer (row-major, values in [-1, 1]) as grayscale into an offscreen
/// R8G8B8A8_UNORM image of a fixed size — fullscreen triangle (shaders/fullscreen.vert) plus
/// shaders/present_gray.frag, dynamic rendering — and copies the pixels to a host-visible readback buffer.
/// The mapping is gray = clamp((v + 1) / 2, 0, 1), bilinear resampling; see <see cref="Reference.PresentGrayReference"/>.
/// </summary>
public sealed unsafe class OffscreenRenderer : IDisposable
{
    /// <summary>The render target format.</summary>
    public const Format TargetFormat = Format.R8G8B8A8Unorm;

    private readonly GpuDevice _device;
    private readonly Image _image;
    private readonly DeviceMemory _imageMemory;
    private readonly ImageView _view;
    private readonly DescriptorSetLayout _setLayout;
    private readonly PipelineLayout _pipelineLayout;
    private readonly Pipeline _pipeline;
    private readonly DescriptorSetCache _sets;
    private readonly GpuBuffer _readback;
    private readonly GpuBuffer[] _binding = new GpuBuffer[1];
    private int _disposed;

    private OffscreenRenderer(
        GpuDevice device,
        int width,
        int height,
        Image image,
        DeviceMemory imageMemory,
        ImageView view,
        DescriptorSetLayout setLayout,
        PipelineLayout pipelineLayout,
        Pipeline pipeline,
        DescriptorSetCache sets,
        GpuBuffer readback)
    {
        _device = device;
        Width = width;
        Height = height;
        _image = image;
        _imageMemory = imageMemory;
        _view = view;
        _setLayout = setLayout;
        _pipelineLayout = pipelineLayout;
        _pipeline = pipeline;
        _sets = sets;
        _readback = readback;
    }

    /// <summary>Render target width in pixels.</summary>
    public int Width { get; }

    /// <summary>Render target height in pixels.</summary>
    public int Height { get; }

    /// <summary>The host-visible buffer the pixels are copied into: Width x Height x 4 bytes, RGBA, rows top to bottom.</summary>
    public GpuBuffer Readback => _readback;

    /// <summary>Creates the render target, pipeline and readback buffer for a <paramref name="width"/> x <paramref name="height"/> output.</summary>
    public static OffscreenRenderer Create(GpuDevice device, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        device.ThrowIfDisposed();

        // Each step registers its undo; on failure they run in reverse, on success ownership moves to the renderer.
        var vk = device.Vk;
        var undo = new Stack<Action>();
        try
        {
            var imageInfo = new ImageCreateInfo
            {
                ImageType = ImageType.Type2D,
                Format = TargetFormat,
                Extent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
                MipLevels = 1,
                ArrayLayers = 1,
                Samples = SampleCountFlags.Count1Bit,
                Tiling = ImageTiling.Optimal,
                Usage = ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.TransferSrcBit,
                SharingMode = SharingMode.Exclusive,
                InitialLayout = ImageLayout.Undefined,
            };
            var (image, memory) = device.CreateBoundImage(in imageInfo, undo);

            var viewInfo = new ImageViewCreateInfo
            {
                Image = image,
                ViewType = ImageViewType.Type2D,
                Format = TargetFormat,
                SubresourceRange = ColorRange,
            };
            vk.CreateImageView(device.Device, in viewInfo, null, out var view).Check("vkCreateImageView");
            undo.Push(() => vk.DestroyImageView(device.Device, view, null));

            var setLayout = DescriptorLayouts.CreateStorageBuffers(device, 1, ShaderStageFlags.FragmentBit);
            undo.Push(() => vk.DestroyDescriptorSetLayout(device.Device, setLayout, null));
            var pipelineLayout = DescriptorLayouts.CreatePipelineLayout(device, setLayout, Marshal.SizeOf<PresentParams>(), ShaderStageFlags.FragmentBit);
            undo.Push(() => vk.DestroyPipelineLayout(device.Device, pipelineLayout, null));
            var pipeline = CreatePipeline(device, pipelineLayout);
            undo.Push(() => vk.DestroyPipeline(device.Device, pipeline, null));
            var sets = new DescriptorSetCache(device, setLayout, 1, capacity: 16);
            undo.Push(sets.Dispose);
            var readback = GpuBuffer.Create(device, (long)width * height * 4);
            return new OffscreenRenderer(device, width, height, image, memory, view, setLayout, pipelineLayout, pipeline, sets, readback);
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

    private static ImageSubresourceRange ColorRange => new()
    {
        AspectMask = ImageAspectFlags.ColorBit,
        BaseMipLevel = 0,
        LevelCount = 1,
        BaseArrayLayer = 0,
        LayerCount = 1,
    };

    /// <summary>
    /// Records: render target to COLOR_ATTACHMENT_OPTIMAL, draw <paramref name="source"/>, render target to
    /// TRANSFER_SRC_OPTIMAL, copy into <see cref="Readback"/>, and a transfer→host barrier on it. If a compute
    /// shader wrote <paramref name="source"/> in the same command buffer, record
    /// <see cref="CommandRecorder.ComputeToFragment"/> first. Read the pixels with <see cref="ReadPixels(Span{byte})"/>
    /// after <see cref="CommandRecorder.SubmitAndWait"/>.
    /// </summary>
    public void Record(CommandRecorder recorder, GpuBuffer source, int sourceWidth, int sourceHeight)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        if (source.SizeInBytes < (long)sourceWidth * sourceHeight * sizeof(float))
        {
            throw new ArgumentException($"source holds fewer than {sourceWidth}x{sourceHeight} floats", nameof(source));
        }

        var vk = _device.Vk;
        var cmd = recorder.CommandBuffer;

        // Contents are discarded (UNDEFINED); the only hazard is a previous frame's copy still reading the image.
        ImageBarrier(
            cmd,
            ImageLayout.Undefined,
            ImageLayout.ColorAttachmentOptimal,
            PipelineStageFlags.TransferBit,
            AccessFlags.None,
            PipelineStageFlags.ColorAttachmentOutputBit,
            AccessFlags.ColorAttachmentWriteBit);

        var attachment = new RenderingAttachmentInfo
        {
            ImageView = _view,
            ImageLayout = ImageLayout.ColorAttachmentOptimal,
            LoadOp = AttachmentLoadOp.DontCare,
            StoreOp = AttachmentStoreOp.Store,
        };
        var area = new Rect2D { Extent = new Extent2D { Width = (uint)Width, Height = (uint)Height } };
        var rendering = new RenderingInfo
        {
            RenderArea = area,
            LayerCount = 1,
            ColorAttachmentCount = 1,
            PColorAttachments = &attachment,
        };
        vk.CmdBeginRendering(cmd, in rendering);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, _pipeline);
        var viewport = new Viewport { X = 0, Y = 0, Width = Width, Height = Height, MinDepth = 0, MaxDepth = 1 };
        vk.CmdSetViewport(cmd, 0, 1, &viewport);
        vk.CmdSetScissor(cmd, 0, 1, &area);
        _binding[0] = source;
        var set = _sets.Get(_binding);
        _binding[0] = null!;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, _pipelineLayout, 0, 1, &set, 0, null);
        var pushConstants = new PresentParams(sourceWidth, sourceHeight, Width, Height);
        vk.CmdPushConstants(cmd, _pipelineLayout, ShaderStageFlags.FragmentBit, 0, (uint)sizeof(PresentParams), &pushConstants);
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRendering(cmd);

        ImageBarrier(
            cmd,
            ImageLayout.ColorAttachmentOptimal,
            ImageLayout.TransferSrcOptimal,
            PipelineStageFlags.ColorAttachmentOutputBit,
            AccessFlags.ColorAttachmentWriteBit,
            PipelineStageFlags.TransferBit,
            AccessFlags.TransferReadBit);

        var region = new BufferImageCopy
        {
            BufferOffset = 0,
            BufferRowLength = 0,
            BufferImageHeight = 0,
            ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, MipLevel = 0, BaseArrayLayer = 0, LayerCount = 1 },
            ImageExtent = new Extent3D { Width = (uint)Width, Height = (uint)Height, Depth = 1 },
        };
        vk.CmdCopyImageToBuffer(cmd, _image, ImageLayout.TransferSrcOptimal, _readback.Handle, 1, &region);
        recorder.BufferBarrier(_readback, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.HostBit, AccessFlags.HostReadBit);
    }

    /// <summary>Copies the last rendered frame (after the submit completed) into <paramref name="rgba"/> (Width x Height x 4 bytes).</summary>
    public void ReadPixels(Span<byte> rgba)
    {
        var size = Width * Height * 4;
        if (rgba.Length < size)
        {
            throw new ArgumentException($"need {size} bytes", nameof(rgba));
        }

        _readback.AsSpan<byte>()[..size].CopyTo(rgba);
    }

    /// <summary>The last rendered frame as a new RGBA array.</summary>
    public byte[] ReadPixels()
    {
        var pixels = new byte[Width * Height * 4];
        ReadPixels(pixels);
        return pixels;
    }

    /// <summary>Convenience: records, submits, waits and returns the pixels of <paramref name="source"/> drawn at this renderer's size.</summary>
    public byte[] Render(CommandRecorder recorder, GpuBuffer source, int sourceWidth, int sourceHeight)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        recorder.Begin();
        Record(recorder, source, sourceWidth, sourceHeight);
        recorder.SubmitAndWait();
        return ReadPixels();
    }

    private void ImageBarrier(
        CommandBuffer cmd,
        ImageLayout oldLayout,
        ImageLayout newLayout,
        PipelineStageFlags srcStage,
        AccessFlags srcAccess,
        PipelineStageFlags dstStage,
        AccessFlags dstAccess)
        => _device.CmdImageBarrier(cmd, _image, oldLayout, newLayout, srcStage, srcAccess, dstStage, dstAccess);

    private static Pipeline CreatePipeline(GpuDevice device, PipelineLayout layout)
        => FullscreenPipeline.Create(device, layout, "present_gray.frag", TargetFormat);

    /// <summary>Destroys everything in reverse order of creation. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        _readback.Dispose();
        _sets.Dispose();
        vk.DestroyPipeline(_device.Device, _pipeline, null);
        vk.DestroyPipelineLayout(_device.Device, _pipelineLayout, null);
        vk.DestroyDescriptorSetLayout(_device.Device, _setLayout, null);
        vk.DestroyImageView(_device.Device, _view, null);
        vk.FreeMemory(_device.Device, _imageMemory, null);
        vk.DestroyImage(_device.Device, _image, null);
    }

    /// <summary>Push constants of present_gray.frag (std430 ints).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct PresentParams(int SrcWidth, int SrcHeight, int DstWidth, int DstHeight);
}
