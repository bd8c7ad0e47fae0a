using System.Diagnostics;

namespace SccDm.Realtime.Profiling;

/// <summary>
/// Collects per-frame stage timings from any thread into a preallocated ring (no allocation per event once a
/// stage name is known), summarises them with percentiles after skipping warm-up frames, and writes a Chrome
/// trace. Stages are registered once by name; <see cref="Measure"/> returns a struct scope.
/// </summary>
public sealed class FrameProfiler
{
    private readonly StageEvent[] _events;
    private readonly Dictionary<string, int> _stageIds = new(StringComparer.Ordinal);
    private readonly List<string> _stageNames = [];
    private readonly Dictionary<int, string> _threadNames = [];
    private readonly Lock _registry = new();
    private long _next;

    /// <summary>Creates a profiler keeping the last <paramref name="capacity"/> events.</summary>
    /// <param name="capacity">Ring size in events.</param>
    /// <param name="warmupFrames">Frames with an id below this are left out of statistics (JIT, first allocations).</param>
    public FrameProfiler(int capacity = 1 << 16, long warmupFrames = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _events = new StageEvent[capacity];
        WarmupFrames = warmupFrames;
    }

    /// <summary>Frames skipped by statistics.</summary>
    public long WarmupFrames { get; }

    /// <summary>Registered stage names, by id.</summary>
    public IReadOnlyList<string> StageNames
    {
        get { lock (_registry) { return _stageNames.ToArray(); } }
    }

    /// <summary>Events recorded so far (including overwritten ones).</summary>
    public long EventCount => Interlocked.Read(ref _next);

    /// <summary>Returns the id of stage <paramref name="name"/>, registering it on first use.</summary>
    public int StageId(string name)
    {
        lock (_registry)
        {
            if (!_stageIds.TryGetValue(name, out int id))
            {
                id = _stageNames.Count;
                _stageIds.Add(name, id);
                _stageNames.Add(name);
            }
            return id;
        }
    }

    // The id of a registered stage, or -1 (matches no event) without registering it.
    private int KnownStageId(string name)
    {
        lock (_registry)
        {
            return _stageIds.TryGetValue(name, out int id) ? id : -1;
        }
    }

    /// <summary>Names the calling thread in traces (e.g. "capture", "synthesis", "display").</summary>
    public void NameCurrentThread(string name)
    {
        lock (_registry)
        {
            _threadNames[Environment.CurrentManagedThreadId] = name;
        }
    }

    /// <summary>Records a finished stage.</summary>
    public void Record(int stageId, long frameId, long start, long end)
    {
        long slot = Interlocked.Increment(ref _next) - 1;
        _events[slot % _events.Length] = new StageEvent(stageId, frameId, start, end, Environment.CurrentManagedThreadId);
    }

    /// <summary>Times a stage until the returned scope is disposed.</summary>
    public StageScope Measure(int stageId, long frameId) => new(this, stageId, frameId, Stopwatch.GetTimestamp());

    /// <summary>A copy of the retained events, oldest first.</summary>
    public StageEvent[] Snapshot()
    {
        long count = Interlocked.Read(ref _next);
        int kept = (int)Math.Min(count, _events.Length);
        var copy = new StageEvent[kept];
        for (int i = 0; i < kept; i++)
        {
            copy[i] = _events[(count - kept + i) % _events.Length];
        }
        return copy;
    }

    /// <summary>Per-stage statistics in ms over frames past warm-up.</summary>
    public IReadOnlyDictionary<string, StageStatistics> Summarize()
    {
        IReadOnlyList<string> names = StageNames;
        var samples = names.Select(_ => new List<double>()).ToArray();
        foreach (StageEvent e in Snapshot())
        {
            if (e.FrameId >= WarmupFrames)
            {
                samples[e.StageId].Add(TicksToMs(e.End - e.Start));
            }
        }
        var result = new Dictionary<string, StageStatistics>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            result[names[i]] = StageStatistics.From(samples[i]);
        }
        return result;
    }

    /// <summary>
    /// End-to-end latency per frame: from the start of <paramref name="firstStage"/> to the end of
    /// <paramref name="lastStage"/>, over frames past warm-up that have both.
    /// </summary>
    public StageStatistics Latency(string firstStage, string lastStage)
    {
        int first = StageId(firstStage), last = StageId(lastStage);
        var starts = new Dictionary<long, long>();
        var ends = new Dictionary<long, long>();
        foreach (StageEvent e in Snapshot())
        {
            if (e.FrameId < WarmupFrames) { continue; }
            if (e.StageId == first && (!starts.TryGetValue(e.FrameId, out long s) || e.Start < s)) { starts[e.FrameId] = e.Start; }
            if (e.StageId == last && (!ends.TryGetValue(e.FrameId, out long f) || e.End > f)) { ends[e.FrameId] = e.End; }
        }
        var latencies = new List<double>();
        foreach ((long frame, long start) in starts)
        {
            if (ends.TryGetValue(frame, out long end) && end >= start)
            {
                latencies.Add(TicksToMs(end - start));
            }
        }
        return StageStatistics.From(latencies);
    }

    /// <summary>
    /// Statistics of the k-th occurrence of <paramref name="stage"/> within a frame (index 0 = the frame's first, in
    /// start order), over frames past warm-up: e.g. each of a frame's network calls or shader submissions on its own.
    /// </summary>
    public IReadOnlyList<StageStatistics> Occurrences(string stage)
    {
        int id = KnownStageId(stage);
        var byIndex = new List<List<double>>();
        foreach (IGrouping<long, StageEvent> frame in Snapshot().Where(e => e.StageId == id && e.FrameId >= WarmupFrames).GroupBy(e => e.FrameId))
        {
            int k = 0;
            foreach (StageEvent e in frame.OrderBy(e => e.Start))
            {
                if (byIndex.Count == k)
                {
                    byIndex.Add([]);
                }
                byIndex[k++].Add(TicksToMs(e.End - e.Start));
            }
        }
        return byIndex.Select(StageStatistics.From).ToArray();
    }

    /// <summary>Milliseconds of <paramref name="stage"/> summed per frame, for frames past warm-up that have it.</summary>
    public IReadOnlyDictionary<long, double> PerFrameTotals(string stage)
    {
        int id = KnownStageId(stage);
        var totals = new Dictionary<long, double>();
        foreach (StageEvent e in Snapshot())
        {
            if (e.StageId == id && e.FrameId >= WarmupFrames)
            {
                totals[e.FrameId] = totals.GetValueOrDefault(e.FrameId) + TicksToMs(e.End - e.Start);
            }
        }
        return totals;
    }

    /// <summary>
    /// The fraction of <paramref name="whole"/>'s time spent in <paramref name="part"/> (Σ part / Σ whole over frames
    /// past warm-up that have both; NaN when there are none). E.g. Share("net", "synthesis") is the network's share of
    /// frame synthesis, and 1 minus it the pipeline overhead.
    /// </summary>
    public double Share(string part, string whole)
    {
        IReadOnlyDictionary<long, double> parts = PerFrameTotals(part), wholes = PerFrameTotals(whole);
        double p = 0, w = 0;
        foreach ((long frame, double ms) in wholes)
        {
            if (parts.TryGetValue(frame, out double pm))
            {
                p += pm;
                w += ms;
            }
        }
        return w > 0 ? p / w : double.NaN;
    }

    /// <summary>Thread names registered with <see cref="NameCurrentThread"/>.</summary>
    public IReadOnlyDictionary<int, string> ThreadNames
    {
        get { lock (_registry) { return new Dictionary<int, string>(_threadNames); } }
    }

    /// <summary>Converts a tick difference to milliseconds.</summary>
    public static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
