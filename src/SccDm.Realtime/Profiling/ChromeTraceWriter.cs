using System.Diagnostics;
using System.Text.Json;

namespace SccDm.Realtime.Profiling;

/// <summary>
/// Writes a profiler's events as Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one track per
/// thread, a complete ("X") event per stage, and flow arrows ("s"/"t"/"f") that follow each frame through its
/// stages in time order, across threads (frames with a negative id, work that belongs to no camera frame, get no
/// arrows).
/// </summary>
public static class ChromeTraceWriter
{
    /// <summary>Writes the trace of <paramref name="profiler"/> to <paramref name="stream"/>.</summary>
    /// <param name="profiler">The events to write.</param>
    /// <param name="stream">Receives the JSON.</param>
    /// <param name="processName">The process track's name.</param>
    /// <param name="flowEnd">Stage where a frame's arrows end (e.g. "display"): the first event of that stage closes the
    /// chain, so a frame shown for many display refreshes is followed to the screen once, not through every redraw.
    /// Null follows every event of the frame.</param>
    public static void Write(FrameProfiler profiler, Stream stream, string processName = "sccdm", string? flowEnd = null)
    {
        StageEvent[] events = profiler.Snapshot();
        IReadOnlyList<string> names = profiler.StageNames;
        long origin = events.Length > 0 ? events.Min(e => e.Start) : Stopwatch.GetTimestamp();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartArray("traceEvents");

        json.WriteStartObject();
        json.WriteString("ph", "M"); json.WriteString("name", "process_name"); json.WriteNumber("pid", 1); json.WriteNumber("tid", 0);
        json.WritePropertyName("args"); json.WriteStartObject(); json.WriteString("name", processName); json.WriteEndObject();
        json.WriteEndObject();
        IReadOnlyDictionary<int, string> threadNames = profiler.ThreadNames;
        foreach (int tid in events.Select(e => e.ThreadId).Distinct().Order())
        {
            json.WriteStartObject();
            json.WriteString("ph", "M"); json.WriteString("name", "thread_name"); json.WriteNumber("pid", 1); json.WriteNumber("tid", tid);
            json.WritePropertyName("args"); json.WriteStartObject();
            json.WriteString("name", threadNames.TryGetValue(tid, out string? n) ? n : $"thread {tid}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        foreach (StageEvent e in events)
        {
            json.WriteStartObject();
            json.WriteString("ph", "X");
            json.WriteString("name", names[e.StageId]);
            json.WriteString("cat", "stage");
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", e.ThreadId);
            json.WriteNumber("ts", Micros(e.Start - origin));
            json.WriteNumber("dur", Micros(e.End - e.Start));
            json.WritePropertyName("args"); json.WriteStartObject(); json.WriteNumber("frame", e.FrameId); json.WriteEndObject();
            json.WriteEndObject();
        }

        // Flow arrows: for each frame, link its stages in start order. Each flow point binds to the enclosing slice.
        int endStage = flowEnd is null ? -1 : profiler.StageId(flowEnd);
        foreach (IGrouping<long, StageEvent> frame in events.Where(e => e.FrameId >= 0).GroupBy(e => e.FrameId))
        {
            StageEvent[] chain = FlowChain(frame, endStage);
            if (chain.Length < 2)
            {
                continue;
            }
            for (int i = 0; i < chain.Length; i++)
            {
                StageEvent e = chain[i];
                json.WriteStartObject();
                json.WriteString("ph", i == 0 ? "s" : i == chain.Length - 1 ? "f" : "t");
                json.WriteString("name", "frame");
                json.WriteString("cat", "frame");
                json.WriteNumber("id", frame.Key);
                json.WriteNumber("pid", 1);
                json.WriteNumber("tid", e.ThreadId);
                // Start point at the slice's start; later points just inside their slice so they bind to it.
                json.WriteNumber("ts", Micros(e.Start - origin) + (i == 0 ? 0 : 0.001));
                if (i == chain.Length - 1)
                {
                    json.WriteString("bp", "e");
                }
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // The frame's events in start order (ties: the longer, enclosing slice first), up to the first event of endStage.
    private static StageEvent[] FlowChain(IEnumerable<StageEvent> frame, int endStage)
    {
        var chain = new List<StageEvent>();
        foreach (StageEvent e in frame.OrderBy(e => e.Start).ThenByDescending(e => e.End))
        {
            chain.Add(e);
            if (e.StageId == endStage)
            {
                break;
            }
        }
        return chain.ToArray();
    }

    private static double Micros(long ticks) => Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 3);
}
