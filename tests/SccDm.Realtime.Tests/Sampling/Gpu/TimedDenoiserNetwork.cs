using System.Diagnostics;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>Adds up the time spent in an <see cref="IDenoiserNetwork"/>, for the reference path's network share.</summary>
internal sealed class TimedDenoiserNetwork(IDenoiserNetwork inner) : IDenoiserNetwork
{
    public long Ticks { get; set; }

    public int ImageSize => inner.ImageSize;
    public DiffusionSchedule Schedule => inner.Schedule;
    public float DefaultPsi => inner.DefaultPsi;
    public DenoiserOutputShape OutputShape => inner.OutputShape;

    public void Run(ReadOnlySpan<float> dT, ReadOnlySpan<float> cond, int t, DenoiserOutput output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Run(dT, cond, t, output);
        Ticks += Stopwatch.GetTimestamp() - start;
    }
}
