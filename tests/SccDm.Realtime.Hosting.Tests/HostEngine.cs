using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Tests.Gpu;
using Semaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>
/// The C# sample host: an "engine" with its own Vulkan instance and device (validation layer on), which hands the
/// raw handles to the renderer and reads the result images back through its own command buffers, holding the
/// renderer's queue lock around its submits because both use the same queue.
/// </summary>
internal sealed unsafe class HostEngine : IDisposable
{
    private readonly CommandRecorder _recorder;
    private readonly List<(Image Image, DeviceMemory Memory)> _images = [];
    private readonly List<Semaphore> _semaphores = [];
    private int _disposed;

    public HostEngine()
    {
        Device = ValidatedDevice.Create();
        _recorder = CommandRecorder.Create(Device);
    }

    /// <summary>The engine's device (created here, outside the renderer).</summary>
    public GpuDevice Device { get; }

    /// <summary>What the engine hands over: raw handles, queue 0 of its family.</summary>
    public GpuExternalHandles Handles => new(Device.Instance.Handle, Device.PhysicalDevice.Handle, Device.Device.Handle, Device.ComputeQueueFamilyIndex, 0);

    /// <summary>Waits on the result's fence, then moves its image to TRANSFER_SRC and copies it into host memory.</summary>
    public byte[] ReadResult(RendererFrame frame, Lock rendererQueueLock)
    {
        var vk = Device.Vk;
        var fence = new Fence(frame.Fence);
        vk.WaitForFences(Device.Device, 1, &fence, true, 60_000_000_000UL).Check("vkWaitForFences");
        using var buffer = GpuBuffer.Create(Device, (long)frame.Width * frame.Height * 4);
        var cmd = _recorder.Begin();
        var image = new Image(frame.Image);
        var toSource = new ImageMemoryBarrier
        {
            SrcAccessMask = AccessFlags.None,
            DstAccessMask = AccessFlags.TransferReadBit,
            OldLayout = (ImageLayout)frame.Layout,
            NewLayout = ImageLayout.TransferSrcOptimal,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = 1 },
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, 0, null, 0, null, 1, &toSource);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 },
            ImageExtent = new Extent3D { Width = (uint)frame.Width, Height = (uint)frame.Height, Depth = 1 },
        };
        vk.CmdCopyImageToBuffer(cmd, image, ImageLayout.TransferSrcOptimal, buffer.Handle, 1, &region);
        _recorder.BufferBarrier(buffer, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.HostBit, AccessFlags.HostReadBit);
        lock (rendererQueueLock)
        {
            _recorder.SubmitAndWait();
        }

        return buffer.AsSpan<byte>().ToArray();
    }

    /// <summary>A camera image the engine owns: R8G8B8A8 (or B8G8R8A8), filled with <paramref name="rgba"/>, left in GENERAL.</summary>
    public ulong CreateCameraImage(ReadOnlySpan<byte> rgba, int width, int height, bool bgra, Lock rendererQueueLock)
    {
        var vk = Device.Vk;
        var info = new ImageCreateInfo
        {
            ImageType = ImageType.Type2D,
            Format = bgra ? Format.B8G8R8A8Unorm : Format.R8G8B8A8Unorm,
            Extent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
            MipLevels = 1,
            ArrayLayers = 1,
            Samples = SampleCountFlags.Count1Bit,
            Tiling = ImageTiling.Optimal,
            Usage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit,
            SharingMode = SharingMode.Exclusive,
            InitialLayout = ImageLayout.Undefined,
        };
        vk.CreateImage(Device.Device, in info, null, out var image).Check("vkCreateImage");
        vk.GetImageMemoryRequirements(Device.Device, image, out var requirements);
        var alloc = new MemoryAllocateInfo
        {
            AllocationSize = requirements.Size,
            MemoryTypeIndex = Device.FindMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.None, MemoryPropertyFlags.DeviceLocalBit),
        };
        vk.AllocateMemory(Device.Device, in alloc, null, out var memory).Check("vkAllocateMemory");
        vk.BindImageMemory(Device.Device, image, memory, 0).Check("vkBindImageMemory");
        _images.Add((image, memory));

        using var staging = GpuBuffer.Create(Device, (long)width * height * 4);
        Span<byte> dst = staging.AsSpan<byte>();
        rgba.CopyTo(dst);
        if (bgra)
        {
            for (int i = 0; i < dst.Length; i += 4)
            {
                (dst[i], dst[i + 2]) = (dst[i + 2], dst[i]);
            }
        }

        var cmd = _recorder.Begin();
        var range = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = 1 };
        var toDst = new ImageMemoryBarrier
        {
            DstAccessMask = AccessFlags.TransferWriteBit,
            OldLayout = ImageLayout.Undefined,
            NewLayout = ImageLayout.TransferDstOptimal,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = range,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, 0, null, 0, null, 1, &toDst);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 },
            ImageExtent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
        };
        vk.CmdCopyBufferToImage(cmd, staging.Handle, image, ImageLayout.TransferDstOptimal, 1, &region);
        var toGeneral = toDst with
        {
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit,
            OldLayout = ImageLayout.TransferDstOptimal,
            NewLayout = ImageLayout.General,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.AllCommandsBit, 0, 0, null, 0, null, 1, &toGeneral);
        lock (rendererQueueLock)
        {
            _recorder.SubmitAndWait();
        }

        return image.Handle;
    }

    /// <summary>Destroys the engine's images and device (idempotent: tests dispose early to read the validation messages).</summary>
    /// <summary>
    /// A binary semaphore with a signal pending, as an engine's render pass would leave it for the renderer to wait on
    /// (signalled here by an empty submission).
    /// </summary>
    public ulong SignalledSemaphore(Lock rendererQueueLock)
    {
        var vk = Device.Vk;
        var info = new SemaphoreCreateInfo();
        vk.CreateSemaphore(Device.Device, in info, null, out var semaphore).Check("vkCreateSemaphore");
        _semaphores.Add(semaphore);
        var submit = new SubmitInfo { SignalSemaphoreCount = 1, PSignalSemaphores = &semaphore };
        lock (rendererQueueLock)
        {
            vk.QueueSubmit(Device.ComputeQueue, 1, &submit, default).Check("vkQueueSubmit");
        }

        return semaphore.Handle;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = Device.Vk;
        vk.DeviceWaitIdle(Device.Device).Check("vkDeviceWaitIdle");
        foreach (var semaphore in _semaphores)
        {
            vk.DestroySemaphore(Device.Device, semaphore, null);
        }

        foreach (var (image, memory) in _images)
        {
            vk.DestroyImage(Device.Device, image, null);
            vk.FreeMemory(Device.Device, memory, null);
        }

        _recorder.Dispose();
        Device.Dispose();
    }
}
