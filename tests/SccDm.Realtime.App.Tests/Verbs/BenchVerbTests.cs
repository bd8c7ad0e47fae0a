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
            Assert.Equal(ExitCodes.Ok, Cli.Run(["bench", "--frames", "20", "--warmup", "2", "--out", report, "--trace", trace, "--plot", plot]));

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
            Assert.Equal("CPU", root.GetProperty("provider").GetString());
            Assert.Equal("sccdm_kiosk.onnx", root.GetProperty("model").GetString());

            using JsonDocument traceDoc = JsonDocument.Parse(File.ReadAllBytes(trace));
            string[] threads = traceDoc.RootElement.GetProperty("traceEvents").EnumerateArray()
                .Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name")
                .Select(e => e.GetProperty("args").GetProperty("name").GetString()!).ToArray();
            Assert.Contains("capture", threads);
            Assert.Contains("synthesis", threads);
            Assert.Contains("display", threads);

            PngImage png = PngCodec.Read(plot, PngPixelFormat.Gray);
            Assert.True(png.Pixels.Distinct().Count() > 20, "the plot looks empty");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
