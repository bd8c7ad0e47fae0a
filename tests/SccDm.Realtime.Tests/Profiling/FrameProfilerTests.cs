using System.Diagnostics;
using System.Text.Json;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Profiling;

public class FrameProfilerTests
{
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000.0);

    [Fact]
    public void PercentilesInterpolateLikeNumpy()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5.5, StageStatistics.Percentile(sorted, 0.5), 9);
        Assert.Equal(9.55, StageStatistics.Percentile(sorted, 0.95), 9);
        Assert.Equal(10, StageStatistics.Percentile(sorted, 1.0), 9);
    }

    [Fact]
    public void SummaryLeavesOutWarmupFrames()
    {
        var p = new FrameProfiler(warmupFrames: 2);
        int net = p.StageId("net");
        p.Record(net, 0, 0, Ms(500)); // warm-up: a slow JIT frame
        p.Record(net, 1, 0, Ms(400));
        for (int f = 2; f < 12; f++)
        {
            p.Record(net, f, 0, Ms(f));
        }
        StageStatistics s = p.Summarize()["net"];
        Assert.Equal(10, s.Count);
        Assert.Equal(11, s.Max, 6);
        Assert.Equal(6.5, s.P50, 6);
    }

    [Fact]
    public void LatencyRunsFromTheFirstStageStartToTheLastStageEnd()
    {
        var p = new FrameProfiler(warmupFrames: 0);
        int cap = p.StageId("capture"), present = p.StageId("present");
        p.Record(cap, 7, Ms(100), Ms(101));
        p.Record(present, 7, Ms(130), Ms(132));
        p.Record(cap, 8, Ms(110), Ms(111)); // never presented: not counted
        StageStatistics lat = p.Latency("capture", "present");
        Assert.Equal(1, lat.Count);
        Assert.Equal(32, lat.Max, 3);
    }

    [Fact]
    public void RecordingAllocatesNothingOnceStagesAreKnown()
    {
        var p = new FrameProfiler(capacity: 1024);
        int id = p.StageId("blur");
        for (int i = 0; i < 10; i++) { using (p.Measure(id, i)) { } }
        long frame = 10;
        Assert.Equal(0, Allocations.SteadyStateBytes(() => { using (p.Measure(id, frame++)) { } }, 5000));
        Assert.Equal(frame, p.EventCount);
        Assert.InRange(frame, 5010, 15010);
        Assert.Equal(1024, p.Snapshot().Length);
    }

    [Fact]
    public void ChromeTraceHasThreadTracksSlicesAndFlowsPerFrame()
    {
        var p = new FrameProfiler(warmupFrames: 0);
        p.NameCurrentThread("synthesis");
        int a = p.StageId("capture"), b = p.StageId("denoise"), c = p.StageId("present");
        p.Record(a, 1, Ms(0), Ms(1));
        p.Record(b, 1, Ms(2), Ms(10));
        var other = new Thread(() => { p.NameCurrentThread("display"); p.Record(c, 1, Ms(11), Ms(12)); });
        other.Start();
        other.Join();

        using var ms = new MemoryStream();
        ChromeTraceWriter.Write(p, ms);
        using JsonDocument doc = JsonDocument.Parse(ms.ToArray());
        JsonElement[] events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        string[] threadNames = events.Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name")
            .Select(e => e.GetProperty("args").GetProperty("name").GetString()!).ToArray();
        Assert.Contains("synthesis", threadNames);
        Assert.Contains("display", threadNames);
        JsonElement[] slices = events.Where(e => e.GetProperty("ph").GetString() == "X").ToArray();
        Assert.Equal(["capture", "denoise", "present"], slices.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(8000, slices[1].GetProperty("dur").GetDouble(), 0);
        string[] flow = events.Where(e => e.TryGetProperty("cat", out JsonElement cat) && cat.GetString() == "frame").Select(e => e.GetProperty("ph").GetString()!).ToArray();
        Assert.Equal(["s", "t", "f"], flow);
    }
}
