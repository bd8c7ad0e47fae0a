using SccDm.Realtime.Native.Vulkan;
using VkSemaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// What one frame-in-flight slot owns: a command pool and buffer, the fence its submit signals, the semaphore its
/// image acquire signals, and the host-visible pixel buffer the CPU composes into (sized to the swapchain, so it is
/// resized with it) with the descriptor set that binds that buffer.
/// </summary>
internal sealed unsafe class PresentFrameResources : IDisposable
{
    private readonly GpuDevice _device;
    private int _disposed;

    private PresentFrameResources(GpuDevice device, CommandPool pool, CommandBuffer commandBuffer, Fence fence, VkSemaphore imageAvailable, DescriptorSet set)
    {
        _device = device;
        Pool = pool;
        CommandBuffer = commandBuffer;
        Fence = fence;
        ImageAvailable = imageAvailable;
        DescriptorSet = set;
    }

    public CommandPool Pool { get; }

    public CommandBuffer CommandBuffer { get; }

    public Fence Fence { get; }

    public VkSemaphore ImageAvailable { get; }

    public DescriptorSet DescriptorSet { get; }

    /// <summary>The composed pixels; null until <see cref="Resize"/>.</summary>
    public GpuBuffer? Pixels { get; private set; }

    /// <summary>The swapchain image this slot acquired last (valid between begin and end of a frame).</summary>
    public uint ImageIndex { get; set; }

    public static PresentFrameResources Create(GpuDevice device, DescriptorPool descriptorPool, DescriptorSetLayout setLayout)
    {
        var vk = device.Vk;
        var undo = new Stack<Action>();
        try
        {
            var poolInfo = new CommandPoolCreateInfo
            {
                Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
                QueueFamilyIndex = device.ComputeQueueFamilyIndex,
            };
            vk.CreateCommandPool(device.Device, in poolInfo, null, out var pool).Check("vkCreateCommandPool");
            undo.Push(() => vk.DestroyCommandPool(device.Device, pool, null));
            var alloc = new CommandBufferAllocateInfo { CommandPool = pool, Level = CommandBufferLevel.Primary, CommandBufferCount = 1 };
            CommandBuffer cmd;
            vk.AllocateCommandBuffers(device.Device, &alloc, &cmd).Check("vkAllocateCommandBuffers");

            // Signaled, so the first wait on a fresh slot returns at once.
            var fenceInfo = new FenceCreateInfo { Flags = FenceCreateFlags.SignaledBit };
            vk.CreateFence(device.Device, in fenceInfo, null, out var fence).Check("vkCreateFence");
            undo.Push(() => vk.DestroyFence(device.Device, fence, null));
            var semaphoreInfo = new SemaphoreCreateInfo();
            vk.CreateSemaphore(device.Device, in semaphoreInfo, null, out var semaphore).Check("vkCreateSemaphore");
            undo.Push(() => vk.DestroySemaphore(device.Device, semaphore, null));

            var setAlloc = new DescriptorSetAllocateInfo { DescriptorPool = descriptorPool, DescriptorSetCount = 1, PSetLayouts = &setLayout };
            DescriptorSet set;
            vk.AllocateDescriptorSets(device.Device, &setAlloc, &set).Check("vkAllocateDescriptorSets");
            return new PresentFrameResources(device, pool, cmd, fence, semaphore, set);
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

    /// <summary>Replaces the pixel buffer with one of <paramref name="width"/>×<paramref name="height"/> and points the descriptor set at it. Only while the slot is idle.</summary>
    public void Resize(int width, int height)
    {
        long size = (long)width * height * 4;
        if (Pixels is not null && Pixels.SizeInBytes == size)
        {
            return;
        }

        Pixels?.Dispose();
        Pixels = null;
        Pixels = GpuBuffer.Create(_device, size);
        var info = new DescriptorBufferInfo { Buffer = Pixels.Handle, Offset = 0, Range = Vk.WholeSize };
        var write = new WriteDescriptorSet
        {
            DstSet = DescriptorSet,
            DstBinding = 0,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.StorageBuffer,
            PBufferInfo = &info,
        };
        _device.Vk.UpdateDescriptorSets(_device.Device, 1, &write, 0, null);
    }

    /// <summary>Destroys in reverse order of creation (the descriptor set goes with its pool). The device must be idle. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        Pixels?.Dispose();
        vk.DestroySemaphore(_device.Device, ImageAvailable, null);
        vk.DestroyFence(_device.Device, Fence, null);
        vk.DestroyCommandPool(_device.Device, Pool, null);
    }
}
