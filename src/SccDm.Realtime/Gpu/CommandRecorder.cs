using SccDm.Realtime.Native.Vulkan;
using Semaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// One reusable primary command buffer with its pool and fence: <see cref="Begin"/>, record dispatches/draws and
/// barriers, then <see cref="SubmitAndWait"/>. Nothing is allocated per use in steady state. Not thread-safe: use
/// one recorder per thread.
/// </summary>
public sealed unsafe class CommandRecorder : IDisposable
{
    private readonly GpuDevice _device;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _cmd;
    private readonly Fence _fence;
    private bool _recording;
    private int _disposed;

    private CommandRecorder(GpuDevice device, CommandPool pool, CommandBuffer cmd, Fence fence)
    {
        _device = device;
        _pool = pool;
        _cmd = cmd;
        _fence = fence;
    }

    /// <summary>The command buffer being recorded between <see cref="Begin"/> and <see cref="SubmitAndWait"/>.</summary>
    public CommandBuffer CommandBuffer => _cmd;

    /// <summary>How long <see cref="SubmitAndWait"/> waits before throwing <see cref="TimeoutException"/>.</summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Creates the pool (on the device's queue family), one command buffer and one fence.</summary>
    public static CommandRecorder Create(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.ThrowIfDisposed();
        var vk = device.Vk;
        var poolInfo = new CommandPoolCreateInfo
        {
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = device.ComputeQueueFamilyIndex,
        };
        vk.CreateCommandPool(device.Device, in poolInfo, null, out var pool).Check("vkCreateCommandPool");
        try
        {
            var alloc = new CommandBufferAllocateInfo { CommandPool = pool, Level = CommandBufferLevel.Primary, CommandBufferCount = 1 };
            CommandBuffer cmd;
            vk.AllocateCommandBuffers(device.Device, &alloc, &cmd).Check("vkAllocateCommandBuffers");
            var fenceInfo = new FenceCreateInfo();
            vk.CreateFence(device.Device, in fenceInfo, null, out var fence).Check("vkCreateFence");
            return new CommandRecorder(device, pool, cmd, fence);
        }
        catch
        {
            // Destroying the pool frees its command buffers.
            vk.DestroyCommandPool(device.Device, pool, null);
            throw;
        }
    }

    /// <summary>Resets the command buffer and begins a one-time-submit recording.</summary>
    public CommandBuffer Begin()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_recording)
        {
            throw new InvalidOperationException("Begin called twice without SubmitAndWait");
        }

        var vk = _device.Vk;
        vk.ResetCommandBuffer(_cmd, 0).Check("vkResetCommandBuffer");
        var info = new CommandBufferBeginInfo { Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        vk.BeginCommandBuffer(_cmd, in info).Check("vkBeginCommandBuffer");
        _recording = true;
        return _cmd;
    }

    /// <summary>Records a buffer memory barrier over the whole of <paramref name="buffer"/>.</summary>
    public void BufferBarrier(GpuBuffer buffer, PipelineStageFlags srcStage, AccessFlags srcAccess, PipelineStageFlags dstStage, AccessFlags dstAccess)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        EnsureRecording();
        var barrier = new BufferMemoryBarrier
        {
            SrcAccessMask = srcAccess,
            DstAccessMask = dstAccess,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = buffer.Handle,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        _device.Vk.CmdPipelineBarrier(_cmd, srcStage, dstStage, 0, 0, null, 1, &barrier, 0, null);
    }

    /// <summary>A compute shader wrote <paramref name="buffer"/>; a later dispatch reads (or rewrites) it.</summary>
    public void ComputeToCompute(GpuBuffer buffer) =>
        BufferBarrier(
            buffer,
            PipelineStageFlags.ComputeShaderBit,
            AccessFlags.ShaderWriteBit,
            PipelineStageFlags.ComputeShaderBit,
            AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit);

    /// <summary>A compute shader wrote <paramref name="buffer"/>; the host reads it after <see cref="SubmitAndWait"/>.</summary>
    public void ComputeToHost(GpuBuffer buffer) =>
        BufferBarrier(buffer, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.HostBit, AccessFlags.HostReadBit);

    /// <summary>A compute shader wrote <paramref name="buffer"/>; a fragment shader reads it.</summary>
    public void ComputeToFragment(GpuBuffer buffer) =>
        BufferBarrier(buffer, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.FragmentShaderBit, AccessFlags.ShaderReadBit);

    /// <summary>Ends recording, submits to the device queue and waits on the fence.</summary>
    /// <exception cref="TimeoutException">The work did not finish within <see cref="SubmitTimeout"/>.</exception>
    public void SubmitAndWait() => SubmitAndWait(default, 0);

    /// <summary>
    /// Like <see cref="SubmitAndWait()"/>, but the submission first waits on the binary semaphore
    /// <paramref name="waitSemaphore"/> (someone else signals it, e.g. a host's render pass) at
    /// <paramref name="waitStage"/>; VK_NULL_HANDLE waits on nothing.
    /// </summary>
    public void SubmitAndWait(Semaphore waitSemaphore, PipelineStageFlags waitStage)
    {
        EnsureRecording();
        _recording = false;
        var vk = _device.Vk;
        vk.EndCommandBuffer(_cmd).Check("vkEndCommandBuffer");
        var cmd = _cmd;
        var submit = new SubmitInfo { CommandBufferCount = 1, PCommandBuffers = &cmd };
        if (!waitSemaphore.IsNull)
        {
            submit.WaitSemaphoreCount = 1;
            submit.PWaitSemaphores = &waitSemaphore;
            submit.PWaitDstStageMask = &waitStage;
        }
        var fence = _fence;
        lock (_device.QueueLock)
        {
            vk.QueueSubmit(_device.ComputeQueue, 1, &submit, fence).Check("vkQueueSubmit");
        }

        var timeoutNs = (ulong)SubmitTimeout.Ticks * 100;
        var waited = vk.WaitForFences(_device.Device, 1, &fence, true, timeoutNs).Check("vkWaitForFences");
        if (waited == Result.Timeout)
        {
            throw new TimeoutException($"vkWaitForFences: GPU work did not finish within {SubmitTimeout}");
        }

        vk.ResetFences(_device.Device, 1, &fence).Check("vkResetFences");
    }

    private void EnsureRecording()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_recording)
        {
            throw new InvalidOperationException("not recording: call Begin first");
        }
    }

    /// <summary>Destroys the fence and the pool (which frees the command buffer). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        vk.DestroyFence(_device.Device, _fence, null);
        vk.DestroyCommandPool(_device.Device, _pool, null);
    }
}
