using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// A compute pipeline built from an embedded shader (entry point <c>main</c>) whose interface is N storage buffers
/// at set 0, bindings 0..N-1, plus an optional push-constant block. Descriptor sets are cached per buffer tuple
/// (see <see cref="Record"/>), so recording the same buffers again allocates nothing.
/// </summary>
public sealed unsafe class ComputeKernel : IDisposable
{
    private readonly GpuDevice _device;
    private readonly DescriptorSetLayout _setLayout;
    private readonly PipelineLayout _pipelineLayout;
    private readonly Pipeline _pipeline;
    private readonly DescriptorSetCache _sets;
    private int _disposed;

    private ComputeKernel(GpuDevice device, string shaderName, DescriptorSetLayout setLayout, PipelineLayout pipelineLayout, Pipeline pipeline, DescriptorSetCache sets, int bufferCount, int pushConstantSize)
    {
        _device = device;
        ShaderName = shaderName;
        _setLayout = setLayout;
        _pipelineLayout = pipelineLayout;
        _pipeline = pipeline;
        _sets = sets;
        BufferCount = bufferCount;
        PushConstantSize = pushConstantSize;
    }

    /// <summary>The embedded shader this kernel runs, e.g. <c>gaussian_blur.comp</c>.</summary>
    public string ShaderName { get; }

    /// <summary>Number of storage-buffer bindings.</summary>
    public int BufferCount { get; }

    /// <summary>Size of the push-constant block in bytes (0 for none).</summary>
    public int PushConstantSize { get; }

    /// <summary>Creates the kernel.</summary>
    /// <param name="device">The owning device; dispose the kernel before it.</param>
    /// <param name="shaderName">Embedded compute shader, e.g. <c>gaussian_blur.comp</c>.</param>
    /// <param name="bufferCount">Storage buffers at bindings 0..bufferCount-1 of set 0.</param>
    /// <param name="pushConstantSize">Bytes of push constants (multiple of 4, at most 128 which every device supports).</param>
    /// <param name="maxBufferCombinations">How many distinct buffer tuples the descriptor cache holds.</param>
    public static ComputeKernel Create(GpuDevice device, string shaderName, int bufferCount, int pushConstantSize, int maxBufferCombinations = 64)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pushConstantSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pushConstantSize, 128);
        if (pushConstantSize % 4 != 0)
        {
            throw new ArgumentException("push constant size must be a multiple of 4", nameof(pushConstantSize));
        }

        device.ThrowIfDisposed();
        var vk = device.Vk;
        DescriptorSetLayout setLayout = default;
        PipelineLayout pipelineLayout = default;
        ShaderModule module = default;
        try
        {
            setLayout = DescriptorLayouts.CreateStorageBuffers(device, bufferCount, ShaderStageFlags.ComputeBit);
            pipelineLayout = DescriptorLayouts.CreatePipelineLayout(device, setLayout, pushConstantSize, ShaderStageFlags.ComputeBit);
            module = ShaderModules.Create(device, shaderName);
            var entry = "main\0"u8;
            Pipeline pipeline;
            fixed (byte* entryName = entry)
            {
                var info = new ComputePipelineCreateInfo
                {
                    Stage = new PipelineShaderStageCreateInfo { Stage = ShaderStageFlags.ComputeBit, Module = module, PName = entryName },
                    Layout = pipelineLayout,
                };
                vk.CreateComputePipelines(device.Device, default, 1, &info, null, &pipeline).Check("vkCreateComputePipelines");
            }

            DescriptorSetCache sets;
            try
            {
                sets = new DescriptorSetCache(device, setLayout, bufferCount, maxBufferCombinations);
            }
            catch
            {
                vk.DestroyPipeline(device.Device, pipeline, null);
                throw;
            }

            return new ComputeKernel(device, shaderName, setLayout, pipelineLayout, pipeline, sets, bufferCount, pushConstantSize);
        }
        catch
        {
            if (!pipelineLayout.IsNull)
            {
                vk.DestroyPipelineLayout(device.Device, pipelineLayout, null);
            }

            if (!setLayout.IsNull)
            {
                vk.DestroyDescriptorSetLayout(device.Device, setLayout, null);
            }

            throw;
        }
        finally
        {
            // The pipeline keeps what it needs; the module is not needed after creation.
            if (!module.IsNull)
            {
                vk.DestroyShaderModule(device.Device, module, null);
            }
        }
    }

    /// <summary>Number of workgroups needed to cover <paramref name="size"/> items with <paramref name="localSize"/> per group.</summary>
    public static uint GroupCount(int size, int localSize) => (uint)((size + localSize - 1) / localSize);

    /// <summary>
    /// Records bind pipeline, bind descriptors (cached per buffer tuple), push constants and one dispatch.
    /// Barriers between dispatches are the caller's (see <see cref="CommandRecorder"/>).
    /// </summary>
    public void Record(CommandBuffer cmd, ReadOnlySpan<GpuBuffer> buffers, ReadOnlySpan<byte> pushConstants, uint groupsX, uint groupsY, uint groupsZ)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (pushConstants.Length != PushConstantSize)
        {
            throw new ArgumentException($"{ShaderName}: expected {PushConstantSize} bytes of push constants, got {pushConstants.Length}", nameof(pushConstants));
        }

        var vk = _device.Vk;
        var set = _sets.Get(buffers);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Compute, _pipeline);
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Compute, _pipelineLayout, 0, 1, &set, 0, null);
        if (PushConstantSize > 0)
        {
            fixed (byte* p = pushConstants)
            {
                vk.CmdPushConstants(cmd, _pipelineLayout, ShaderStageFlags.ComputeBit, 0, (uint)PushConstantSize, p);
            }
        }

        vk.CmdDispatch(cmd, groupsX, groupsY, groupsZ);
    }

    /// <summary>Like <see cref="Record"/>, with the push constants given as a struct laid out like the shader's block.</summary>
    public void Record<TPush>(CommandBuffer cmd, ReadOnlySpan<GpuBuffer> buffers, in TPush pushConstants, uint groupsX, uint groupsY, uint groupsZ)
        where TPush : unmanaged =>
        Record(cmd, buffers, MemoryMarshal.AsBytes(new ReadOnlySpan<TPush>(in pushConstants)), groupsX, groupsY, groupsZ);

    /// <summary>Destroys the descriptor pool, pipeline, pipeline layout and set layout (reverse of creation). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        _sets.Dispose();
        vk.DestroyPipeline(_device.Device, _pipeline, null);
        vk.DestroyPipelineLayout(_device.Device, _pipelineLayout, null);
        vk.DestroyDescriptorSetLayout(_device.Device, _setLayout, null);
    }
}
