using System.Diagnostics;

namespace SccDm.Realtime.Profiling;

/// <summary>A running stage measurement; disposing it records the stage. A struct, so timing allocates nothing.</summary>
public readonly struct StageScope(FrameProfiler profiler, int stageId, long frameId, long start) : IDisposable
{
    /// <summary>Records the stage from its start until now.</summary>
    public void Dispose() => profiler.Record(stageId, frameId, start, Stopwatch.GetTimestamp());
}
