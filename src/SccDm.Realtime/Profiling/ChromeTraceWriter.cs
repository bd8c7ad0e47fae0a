using System.Diagnostics;
using System.Text.Json;

namespace SccDm.Realtime.Profiling;

/// <summary>
/// Writes a profiler's events as Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one track per
/// thread, a complete ("X") event per stage, and flow arrows ("s"/"t"/"f") that follow each frame through its
/// stages in time order, across threads.
/// </summary>
public static class ChromeTraceWriter
{
    /// <summary>Writes the trace of <paramref name="profiler"/> to <paramref name="stream"/>.</summary>
    public static void Write(FrameProfiler profiler, Stream stream, string processName = "sccdm")
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
        foreach (IGrouping<long, StageEvent> frame in events.GroupBy(e => e.FrameId))
        {
            StageEvent[] chain = frame.OrderBy(e => e.Start).ToArray();
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

    private static double Micros(long ticks) => Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 3);
}
