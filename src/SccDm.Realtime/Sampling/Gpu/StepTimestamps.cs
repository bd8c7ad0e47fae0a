using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// A two-query timestamp pool bracketing one command buffer: <see cref="RecordStart"/> right after Begin,
/// <see cref="RecordEnd"/> just before submit, <see cref="ReadNanoseconds"/> after the fence wait. Inactive (all
/// calls do nothing, reads give 0) when the queue has no timestamp support.
/// </summary>
internal sealed unsafe class StepTimestamps : IDisposable
{
    private readonly GpuDevice _device;
    private readonly ulong _mask;
    private QueryPool _pool;

    public StepTimestamps(GpuDevice device)
    {
        _device = device;
        uint bits = device.TimestampValidBits;
        _mask = bits >= 64 ? ulong.MaxValue : (1UL << (int)bits) - 1;
        if (bits > 0)
        {
            var info = new QueryPoolCreateInfo { QueryType = QueryType.Timestamp, QueryCount = 2 };
            device.Vk.CreateQueryPool(device.Device, in info, null, out _pool).Check("vkCreateQueryPool");
        }
    }

    public bool Active => !_pool.IsNull;

    public void RecordStart(CommandBuffer cmd)
    {
        if (Active)
        {
            _device.Vk.CmdResetQueryPool(cmd, _pool, 0, 2);
            _device.Vk.CmdWriteTimestamp(cmd, PipelineStageFlags.TopOfPipeBit, _pool, 0);
        }
    }

    public void RecordEnd(CommandBuffer cmd)
    {
        if (Active)
        {
            _device.Vk.CmdWriteTimestamp(cmd, PipelineStageFlags.BottomOfPipeBit, _pool, 1);
        }
    }

    /// <summary>GPU nanoseconds between the two timestamps of the last submitted command buffer.</summary>
    public double ReadNanoseconds()
    {
        if (!Active)
        {
            return 0;
        }
        var stamps = stackalloc ulong[2];
        _device.Vk.GetQueryPoolResults(_device.Device, _pool, 0, 2, 2 * sizeof(ulong), stamps, sizeof(ulong), QueryResultFlags.Result64Bit | QueryResultFlags.WaitBit)
            .Check("vkGetQueryPoolResults");
        ulong ticks = (stamps[1] - stamps[0]) & _mask;
        return ticks * (double)_device.TimestampPeriodNanoseconds;
    }

    public void Dispose()
    {
        var pool = _pool;
        _pool = default;
        if (!pool.IsNull)
        {
            _device.Vk.DestroyQueryPool(_device.Device, pool, null);
        }
    }
}
