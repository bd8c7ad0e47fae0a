using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// Descriptor sets of one layout (N storage buffers at bindings 0..N-1), one per distinct buffer tuple, allocated
/// on first use and reused afterwards, so steady-state recording allocates nothing. Keyed by
/// <see cref="GpuBuffer"/> identity rather than VkBuffer value because Vulkan may reuse handle values.
/// </summary>
internal sealed unsafe class DescriptorSetCache : IDisposable
{
    private readonly GpuDevice _device;
    private readonly DescriptorSetLayout _layout;
    private readonly int _bindingCount;
    private readonly int _capacity;
    private readonly List<(long[] Ids, DescriptorSet Set)> _entries = [];
    private DescriptorPool _pool;

    public DescriptorSetCache(GpuDevice device, DescriptorSetLayout layout, int bindingCount, int capacity)
    {
        _device = device;
        _layout = layout;
        _bindingCount = bindingCount;
        _capacity = capacity;
        var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = (uint)(bindingCount * capacity) };
        var info = new DescriptorPoolCreateInfo { MaxSets = (uint)capacity, PoolSizeCount = 1, PPoolSizes = &size };
        device.Vk.CreateDescriptorPool(device.Device, in info, null, out _pool).Check("vkCreateDescriptorPool");
    }

    public DescriptorSet Get(ReadOnlySpan<GpuBuffer> buffers)
    {
        if (buffers.Length != _bindingCount)
        {
            throw new ArgumentException($"expected {_bindingCount} buffers, got {buffers.Length}", nameof(buffers));
        }

        foreach (var (ids, set) in _entries)
        {
            if (Matches(ids, buffers))
            {
                return set;
            }
        }

        if (_entries.Count == _capacity)
        {
            throw new InvalidOperationException(
                $"descriptor set cache full ({_capacity} distinct buffer combinations); reuse buffers or raise the capacity");
        }

        return Allocate(buffers);
    }

    private static bool Matches(long[] ids, ReadOnlySpan<GpuBuffer> buffers)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] != buffers[i].Id)
            {
                return false;
            }
        }

        return true;
    }

    private DescriptorSet Allocate(ReadOnlySpan<GpuBuffer> buffers)
    {
        var layout = _layout;
        var alloc = new DescriptorSetAllocateInfo { DescriptorPool = _pool, DescriptorSetCount = 1, PSetLayouts = &layout };
        DescriptorSet set;
        _device.Vk.AllocateDescriptorSets(_device.Device, &alloc, &set).Check("vkAllocateDescriptorSets");

        var infos = stackalloc DescriptorBufferInfo[buffers.Length];
        var ids = new long[buffers.Length];
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i].ThrowIfDisposed();
            infos[i] = new DescriptorBufferInfo { Buffer = buffers[i].Handle, Offset = 0, Range = Vk.WholeSize };
            ids[i] = buffers[i].Id;
        }

        var write = new WriteDescriptorSet
        {
            DstSet = set,
            DstBinding = 0,
            DescriptorCount = (uint)buffers.Length,
            DescriptorType = DescriptorType.StorageBuffer,
            PBufferInfo = infos,
        };
        _device.Vk.UpdateDescriptorSets(_device.Device, 1, &write, 0, null);
        _entries.Add((ids, set));
        return set;
    }

    public void Dispose()
    {
        var pool = _pool;
        _pool = default;
        if (!pool.IsNull)
        {
            // Destroying the pool frees its sets.
            _device.Vk.DestroyDescriptorPool(_device.Device, pool, null);
        }
    }
}
