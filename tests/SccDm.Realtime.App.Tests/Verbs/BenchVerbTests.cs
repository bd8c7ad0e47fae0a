using System.Text.Json;
using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.App.Tests.Verbs;

[Collection(DisplayCollection.Name)]
public class BenchVerbTests
{
    [Fact]
    public void WritesAReportWithEveryStageATraceWithThreadTracksAndAPlot()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sccdm-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string report = Path.Combine(dir, "report.json"), trace = Path.Combine(dir, "trace.json"), plot = Path.Combine(dir, "plot.png");
            Assert.Equal(ExitCodes.Ok, Cli.Run(["bench", "--steps", "4", "--frames", "20", "--warmup", "2", "--out", report, "--trace", trace, "--plot", plot]));

            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(report));
            JsonElement root = doc.RootElement;
            JsonElement stages = root.GetProperty("stages");
            foreach (string stage in new[] { "capture", "synthesis", "net", "shaders", "keypoints", "compose", "display" })
            {
                Assert.True(stages.TryGetProperty(stage, out JsonElement s), $"stage '{stage}' missing from {string.Join(", ", stages.EnumerateObject().Select(p => p.Name))}");
                double p50 = s.GetProperty("p50").GetDouble(), p95 = s.GetProperty("p95").GetDouble(), p99 = s.GetProperty("p99").GetDouble(), max = s.GetProperty("max").GetDouble();
                Assert.True(p50 <= p95 && p95 <= p99 && p99 <= max, $"{stage}: percentiles out of order");
            }
            // A synthesis of 4 steps holds 4 network passes.
            Assert.True(stages.GetProperty("net").GetProperty("count").GetInt32() >= 4 * stages.GetProperty("synthesis").GetProperty("count").GetInt32() - 4);
            Assert.True(root.GetProperty("e2e").GetProperty("p50").GetDouble() >= stages.GetProperty("synthesis").GetProperty("p50").GetDouble() * 0.5);
            Assert.True(root.GetProperty("display_fps").GetDouble() > 0);
            Assert.True(root.GetProperty("synthesis_fps").GetDouble() > 0);
            // Each of a frame's network calls and shader submissions on its own, the per-frame sums and the overhead.
            JsonElement calls = root.GetProperty("calls");
            Assert.Equal(["call 1", "call 2", "call 3", "call 4"], calls.GetProperty("net").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["prologue", "step 1", "step 2", "step 3", "step 4"], calls.GetProperty("shaders").EnumerateObject().Select(p => p.Name));
            JsonElement perFrame = root.GetProperty("per_frame");
            Assert.True(perFrame.GetProperty("net").GetProperty("p50").GetDouble() >= calls.GetProperty("net").GetProperty("call 1").GetProperty("p50").GetDouble());
            double share = root.GetProperty("network_share").GetDouble(), overhead = root.GetProperty("pipeline_overhead").GetDouble();
            Assert.InRange(share, 0.01, 1.0);
            // Both are written rounded to four decimals: 1 − share and the overhead agree to that rounding.
            Assert.InRange(Math.Abs(1 - share - overhead), 0, 2e-4);
            Assert.Equal("CPU", root.GetProperty("provider").GetString());
            Assert.Equal("sccdm_kiosk.onnx", root.GetProperty("model").GetString());

            using JsonDocument traceDoc = JsonDocument.Parse(File.ReadAllBytes(trace));
            string[] threads = traceDoc.RootElement.GetProperty("traceEvents").EnumerateArray()
                .Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name")
                .Select(e => e.GetProperty("args").GetProperty("name").GetString()!).ToArray();
            Assert.Contains("capture", threads);
            Assert.Contains("synthesis", threads);
            Assert.Contains("display", threads);
            // One flow per camera frame: starts on the capture thread, ends at its first display.
            JsonElement[] events = traceDoc.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
            int Tid(string name) => events.First(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString() == name).GetProperty("tid").GetInt32();
            var flows = events.Where(e => e.TryGetProperty("cat", out JsonElement cat) && cat.GetString() == "frame")
                .GroupBy(e => e.GetProperty("id").GetInt64()).ToArray();
            Assert.NotEmpty(flows);
            foreach (var flow in flows)
            {
                JsonElement[] chain = flow.OrderBy(e => e.GetProperty("ts").GetDouble()).ToArray();
                Assert.Equal("s", chain[0].GetProperty("ph").GetString());
                Assert.Equal(Tid("capture"), chain[0].GetProperty("tid").GetInt32());
                Assert.All(chain[1..^1], e => Assert.Equal("t", e.GetProperty("ph").GetString()));
                Assert.Equal("f", chain[^1].GetProperty("ph").GetString());
            }
            Assert.Contains(flows, f => f.Any(e => e.GetProperty("ph").GetString() == "f" && e.GetProperty("tid").GetInt32() == Tid("display")));

            PngImage png = PngCodec.Read(plot, PngPixelFormat.Gray);
            Assert.True(png.Pixels.Distinct().Count() > 20, "the plot looks empty");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Warm_start_mode_reports_both_passes_on_the_moving_camera_and_the_quality_cost()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sccdm-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string report = Path.Combine(dir, "report.json");
            Assert.Equal(ExitCodes.Ok, Cli.Run(["bench", "--warm-start", "--frames", "120", "--warmup", "2", "--quality-pairs", "3", "--out", report]));

            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(report));
            JsonElement root = doc.RootElement;
            Assert.True(root.GetProperty("reuse").GetBoolean(), "--warm-start runs the kiosk's similarity filter");
            JsonElement warm = root.GetProperty("warm_start");
            JsonElement on = warm.GetProperty("on"), off = warm.GetProperty("off");
            foreach (JsonElement pass in new[] { on, off })
            {
                long frames = pass.GetProperty("frames").GetInt64();
                Assert.True(frames > 0);
                Assert.Equal(frames, pass.GetProperty("cold_samples").GetInt64() + pass.GetProperty("warm_samples").GetInt64() + pass.GetProperty("reused").GetInt64());
                Assert.True(pass.GetProperty("synthesis_fps").GetDouble() > 0);
                Assert.True(pass.GetProperty("results_fps").GetDouble() > 0);
                Assert.True(pass.GetProperty("display_fps").GetDouble() > 0);
                Assert.True(pass.GetProperty("capture_display_p95").GetDouble() >= pass.GetProperty("capture_display_p50").GetDouble());
                JsonElement bands = pass.GetProperty("bands");
                Assert.True(bands.GetProperty("moderate").GetInt64() > 0, "the moving camera should land in the warm-start band");
                Assert.InRange(pass.GetProperty("warm_share").GetDouble() + pass.GetProperty("cold_share").GetDouble() + pass.GetProperty("reused_share").GetDouble(), 0.999, 1.001);
            }
            // Warm start on: the moving camera is warm-started; off: the same bands are sampled cold.
            Assert.True(on.GetProperty("warm_samples").GetInt64() > 0);
            Assert.Equal(0, off.GetProperty("warm_samples").GetInt64());
            Assert.True(off.GetProperty("cold_samples").GetInt64() > 0);
            double ratio = warm.GetProperty("ratio").GetProperty("synthesis_fps").GetDouble();
            // One round: the ratio is that round's. The rates are written rounded to 2 decimals, the ratio to 3: they agree to that rounding.
            Assert.Equal(1, warm.GetProperty("rounds").GetInt32());
            Assert.Equal(ratio, Assert.Single(warm.GetProperty("ratio").GetProperty("synthesis_fps_per_round").EnumerateArray()).GetDouble());
            Assert.InRange(ratio / (on.GetProperty("synthesis_fps").GetDouble() / off.GetProperty("synthesis_fps").GetDouble()), 0.98, 1.02);

            JsonElement quality = warm.GetProperty("quality");
            Assert.InRange(quality.GetProperty("pairs").GetInt32(), 1, 3);
            Assert.True(quality.GetProperty("stride").GetInt32() >= 1);
            double ssimMin = quality.GetProperty("ssim").GetProperty("min").GetDouble(), ssimMax = quality.GetProperty("ssim").GetProperty("max").GetDouble();
            Assert.True(0 < ssimMin && ssimMin <= ssimMax && ssimMax < 1, $"warm-started X-rays should be close to, not equal to, the cold ones (SSIM {ssimMin}…{ssimMax})");
            Assert.InRange(quality.GetProperty("mae").GetProperty("mean").GetDouble(), 1e-6, 0.5);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Bad_bench_arguments_are_usage_errors()
    {
        string report = Path.Combine(Path.GetTempPath(), $"sccdm-bench-{Guid.NewGuid():N}.json");
        Assert.Equal(ExitCodes.Usage, Cli.Run(["bench", "--warm-start", "--steps", "1", "--out", report]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["bench", "--warm-start", "--quality-pairs", "-1", "--out", report]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["bench", "--warm-start", "--rounds", "0", "--out", report]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["bench", "--rounds", "2", "--out", report]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["bench", "--source", "phantom:moving:x", "--frames", "1", "--out", report]));
        Assert.False(File.Exists(report));
    }
}
