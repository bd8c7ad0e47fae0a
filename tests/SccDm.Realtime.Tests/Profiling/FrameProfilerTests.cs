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

    [Fact]
    public void OccurrencesSplitRepeatedStagesCallByCallInStartOrder()
    {
        var p = new FrameProfiler(warmupFrames: 1);
        int net = p.StageId("net");
        p.Record(net, 0, Ms(0), Ms(100)); // warm-up
        for (int f = 1; f <= 3; f++)
        {
            // Recorded out of order: the second call (2 ms) first; the first call lasts 10·f ms.
            p.Record(net, f, Ms(1000 * f + 50), Ms(1000 * f + 52));
            p.Record(net, f, Ms(1000 * f), Ms(1000 * f + 10 * f));
        }
        IReadOnlyList<StageStatistics> calls = p.Occurrences("net");
        Assert.Equal(2, calls.Count);
        Assert.Equal(3, calls[0].Count);
        Assert.Equal(20, calls[0].P50, 6);
        Assert.Equal(30, calls[0].Max, 6);
        Assert.Equal(2, calls[1].Max, 6);
        Assert.Empty(p.Occurrences("never recorded"));
        Assert.DoesNotContain("never recorded", p.StageNames);
    }

    [Fact]
    public void ShareIsPartOverWholeSummedOverFramesThatHaveBoth()
    {
        var p = new FrameProfiler(warmupFrames: 1);
        int net = p.StageId("net"), synth = p.StageId("synthesis");
        p.Record(synth, 0, 0, Ms(1000)); // warm-up: left out
        p.Record(net, 0, 0, Ms(10));
        p.Record(synth, 1, 0, Ms(100));
        p.Record(net, 1, 0, Ms(30));
        p.Record(net, 1, Ms(40), Ms(70));
        p.Record(synth, 2, 0, Ms(50));
        p.Record(net, 2, 0, Ms(40));
        p.Record(synth, 3, 0, Ms(500)); // no network call (e.g. a reused frame): left out
        Assert.Equal(60, p.PerFrameTotals("net")[1], 6);
        Assert.Equal((60.0 + 40) / (100 + 50), p.Share("net", "synthesis"), 9);
        Assert.True(double.IsNaN(p.Share("keypoints", "synthesis")));
    }

    [Fact]
    public void ChromeTraceFlowEndsAtTheFlowEndStageAndSkipsFramelessWork()
    {
        var p = new FrameProfiler(warmupFrames: 0);
        int capture = p.StageId("capture"), net = p.StageId("net"), display = p.StageId("display"), compose = p.StageId("compose");
        p.Record(capture, 4, Ms(0), Ms(1));
        p.Record(net, 4, Ms(2), Ms(10));
        p.Record(display, 4, Ms(11), Ms(15));
        p.Record(compose, 4, Ms(11), Ms(14)); // inside display: the enclosing slice comes first
        p.Record(compose, 4, Ms(27), Ms(30)); // the same X-ray redrawn: no arrow
        p.Record(compose, -1, Ms(20), Ms(22)); // no frame yet
        p.Record(compose, -1, Ms(40), Ms(42));

        using var ms = new MemoryStream();
        ChromeTraceWriter.Write(p, ms, flowEnd: "display");
        using JsonDocument doc = JsonDocument.Parse(ms.ToArray());
        JsonElement[] flow = doc.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.TryGetProperty("cat", out JsonElement cat) && cat.GetString() == "frame").ToArray();
        Assert.Equal(["s", "t", "f"], flow.Select(e => e.GetProperty("ph").GetString()));
        Assert.All(flow, e => Assert.Equal(4, e.GetProperty("id").GetInt64()));
        Assert.Equal(11000, flow[2].GetProperty("ts").GetDouble(), 0);
    }
}
