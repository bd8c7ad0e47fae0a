using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SccDm.Realtime.App.Bench;
using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Verbs;

/// <summary>
/// `sccdm bench`: runs the kiosk pipeline headless (capture, synthesis and display on their own threads, as in the
/// window) and reports where every millisecond of a frame goes: per-stage percentiles, capture→display latency,
/// synthesis and display rates, a Chrome trace and a plot.
/// </summary>
internal static class BenchVerb
{
    public static Command Create()
    {
        var frames = new Option<int>("--frames") { Description = "Display frames to run (at up to 60 fps), after warm-up.", DefaultValueFactory = _ => 300 };
        var output = new Option<string>("--out") { Description = "report.json to write.", Required = true };
        var trace = new Option<string?>("--trace") { Description = "Chrome trace-event JSON (opens in Perfetto / chrome://tracing): one track per thread, flows follow each camera frame." };
        var plot = new Option<string?>("--plot") { Description = "PNG of frame times and the stage breakdown." };
        var source = new Option<string>("--source") { Description = "Frame source, as for `sccdm run`.", DefaultValueFactory = _ => "phantom" };
        var steps = new Option<int>("--steps") { Description = "DDIM steps.", DefaultValueFactory = _ => 4 };
        var sampler = new Option<string>("--sampler") { Description = "paper or sag.", DefaultValueFactory = _ => "paper" };
        var warmup = new Option<int>("--warmup") { Description = "Camera frames left out of the statistics (JIT, first allocations).", DefaultValueFactory = _ => 10 };
        var reuse = new Option<bool>("--reuse") { Description = "Keep the kiosk's similarity filter (reuse and warm start); by default every frame is sampled cold." };
        var command = new Command("bench",
            """
            Profile the real-time pipeline headless: per-stage timings (capture, upload, each network call, each
            shader submission from Vulkan timestamps, keypoints, compose, display), capture→display latency, rates and
            the pipeline overhead (1 − network / synthesis time), as report.json, a Chrome trace, a plot and a table.
            Warm-up frames are left out.

            Example:
              sccdm bench --frames 300 --out report.json --trace trace.json --plot plot.png
            """)
        {
            frames, output, trace, plot, source, steps, sampler, warmup, reuse,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse.GetValue(frames), parse.GetValue(output)!, parse.GetValue(trace), parse.GetValue(plot),
            parse.GetValue(source)!, parse.GetValue(steps), parse.GetValue(sampler)!, parse.GetValue(warmup), parse.GetValue(reuse), cancel)));
        return command;
    }

    private static int Run(int frames, string outPath, string? tracePath, string? plotPath, string source, int steps, string samplerName, int warmup, bool reuse, CancellationToken cancel)
    {
        if (frames < 1 || warmup < 0)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, "--frames must be at least 1 and --warmup at least 0");
        }
        if (samplerName is not ("paper" or "sag"))
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, $"--sampler must be paper or sag, got '{samplerName}'");
        }
        var samplerOptions = new SamplerOptions { Steps = steps, Variant = samplerName == "sag" ? SamplerVariant.Sag : SamplerVariant.Paper };
        try
        {
            samplerOptions.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, VerbErrors.Describe(e));
        }

        AppConfig config = AppConfig.Load();
        var profiler = new FrameProfiler(capacity: 1 << 18, warmupFrames: warmup);
        var options = new KioskOptions
        {
            Source = source,
            Steps = steps,
            Headless = true,
            SimulateModelCost = false,
            ReuseThreshold = reuse ? FrameChangeFilter.DefaultReuseThreshold : 0,
            WarmStartThreshold = reuse ? FrameChangeFilter.DefaultWarmStartThreshold : 0,
        };
        using KioskSession session = KioskSession.Open(options, config, paced: true, "bench (headless)", System.Console.Error, profiler);
        session.Controls.Sampler = samplerOptions;
        SynthesisInfo info = session.Pipeline.SynthesisInfo;
        int displayStage = profiler.StageId("display");
        var canvas = new byte[options.Width * options.Height * 4];
        long interval = Stopwatch.Frequency / 60;

        System.Console.Error.WriteLine($"bench: {frames} display frames after {warmup} warm-up camera frames; {samplerName} sampler, {steps} steps, {(reuse ? "kiosk reuse/warm start" : "every frame sampled cold")}");
        profiler.NameCurrentThread("display");
        session.Pipeline.Start();
        long lastShown = -1, displayed = 0, loopStart = 0;
        long next = Stopwatch.GetTimestamp();
        while (displayed < frames && !cancel.IsCancellationRequested)
        {
            long now = Stopwatch.GetTimestamp();
            if (now < next)
            {
                Thread.Sleep(TimeSpan.FromTicks((next - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                continue;
            }
            next = now + interval;
            session.View.Update(now);
            SynthesisResult? result = session.View.Scene.Result;
            long frameId = result?.FrameId ?? -1;
            using (profiler.Measure(session.Meters.ComposeStage, frameId))
            {
                session.Compositor.Compose(session.View.Scene, canvas, options.Width, options.Height);
            }
            // "display": the first time a synthesized result reaches the screen; capture→display is its latency.
            if (result is not null && frameId != lastShown)
            {
                profiler.Record(displayStage, frameId, now, Stopwatch.GetTimestamp());
                lastShown = frameId;
            }
            if (frameId >= warmup)
            {
                if (displayed == 0)
                {
                    loopStart = now;
                }
                displayed++;
            }
        }
        double loopSeconds = (Stopwatch.GetTimestamp() - loopStart) / (double)Stopwatch.Frequency;
        session.Pipeline.Stop();

        IReadOnlyDictionary<string, StageStatistics> stages = profiler.Summarize();
        StageStatistics e2e = profiler.Latency("capture", "display");
        StageEvent[] events = profiler.Snapshot().Where(e => e.FrameId >= warmup).ToArray();
        double synthesisFps = Rate(events, profiler.StageId("synthesis"));
        double displayFps = loopSeconds > 0 ? displayed / loopSeconds : 0;
        var breakdown = new Breakdown(profiler);

        WriteReport(outPath, stages, e2e, synthesisFps, displayFps, breakdown, info, samplerName, steps, reuse, displayed);
        WriteTable(stages, e2e, synthesisFps, displayFps, breakdown, info);
        System.Console.WriteLine($"bench: wrote {Path.GetFullPath(outPath)}");
        if (tracePath is not null)
        {
            using (FileStream stream = File.Create(tracePath))
            {
                ChromeTraceWriter.Write(profiler, stream, "sccdm bench", flowEnd: "display");
            }
            System.Console.WriteLine($"bench: wrote {Path.GetFullPath(tracePath)} (open in https://ui.perfetto.dev)");
        }
        if (plotPath is not null)
        {
            BenchPlot.Write(plotPath, profiler.StageNames, events, stages,
                $"sccdm bench: {info.ModelName} on {info.ExecutionProvider}, sampler on {info.Device}, {samplerName} {steps} steps");
            System.Console.WriteLine($"bench: wrote {Path.GetFullPath(plotPath)}");
        }
        return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    // Completions per second of a stage over the span between its first and last completion.
    private static double Rate(StageEvent[] events, int stage)
    {
        long[] ends = events.Where(e => e.StageId == stage).Select(e => e.End).Order().ToArray();
        return ends.Length < 2 ? 0 : (ends.Length - 1) / FrameProfiler.TicksToMs(ends[^1] - ends[0]) * 1000.0;
    }

    // The stages a frame runs several times (each network call, each shader submission), call by call and summed per
    // frame, and the pipeline overhead: the share of frame synthesis that is not the denoiser network.
    private sealed class Breakdown(FrameProfiler profiler)
    {
        public static readonly string[] Repeated = ["net", "shaders"];

        public IReadOnlyDictionary<string, IReadOnlyList<StageStatistics>> Calls { get; } =
            Repeated.ToDictionary(s => s, profiler.Occurrences);

        public IReadOnlyDictionary<string, StageStatistics> PerFrame { get; } =
            Repeated.ToDictionary(s => s, s => StageStatistics.From(profiler.PerFrameTotals(s).Values.ToList()));

        public double NetworkShare { get; } = profiler.Share("net", "synthesis");

        public double PipelineOverhead => 1 - NetworkShare;

        public static string CallLabel(string stage, int index) => stage == "shaders"
            ? index == 0 ? "prologue" : $"step {index}"
            : $"call {index + 1}";
    }

    private static void WriteReport(string path, IReadOnlyDictionary<string, StageStatistics> stages, StageStatistics e2e, double synthesisFps, double displayFps,
        Breakdown breakdown, SynthesisInfo info, string sampler, int steps, bool reuse, long frames)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            static void Stats(Utf8JsonWriter j, StageStatistics s)
            {
                j.WriteStartObject();
                j.WriteNumber("p50", Math.Round(s.P50, 3));
                j.WriteNumber("p95", Math.Round(s.P95, 3));
                j.WriteNumber("p99", Math.Round(s.P99, 3));
                j.WriteNumber("max", Math.Round(s.Max, 3));
                j.WriteNumber("count", s.Count);
                j.WriteEndObject();
            }
            j.WriteStartObject();
            j.WritePropertyName("stages");
            j.WriteStartObject();
            foreach ((string name, StageStatistics s) in stages.Where(kv => kv.Value.Count > 0))
            {
                j.WritePropertyName(name);
                Stats(j, s);
            }
            j.WriteEndObject();
            j.WritePropertyName("e2e");
            Stats(j, e2e);
            j.WritePropertyName("calls");
            j.WriteStartObject();
            foreach ((string name, IReadOnlyList<StageStatistics> calls) in breakdown.Calls.Where(kv => kv.Value.Count > 0))
            {
                j.WritePropertyName(name);
                j.WriteStartObject();
                for (int i = 0; i < calls.Count; i++)
                {
                    j.WritePropertyName(Breakdown.CallLabel(name, i));
                    Stats(j, calls[i]);
                }
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WritePropertyName("per_frame");
            j.WriteStartObject();
            foreach ((string name, StageStatistics total) in breakdown.PerFrame.Where(kv => kv.Value.Count > 0))
            {
                j.WritePropertyName(name);
                Stats(j, total);
            }
            j.WriteEndObject();
            if (double.IsFinite(breakdown.NetworkShare))
            {
                j.WriteNumber("network_share", Math.Round(breakdown.NetworkShare, 4));
                j.WriteNumber("pipeline_overhead", Math.Round(breakdown.PipelineOverhead, 4));
            }
            else
            {
                j.WriteNull("network_share");
                j.WriteNull("pipeline_overhead");
            }
            j.WriteNumber("synthesis_fps", Math.Round(synthesisFps, 2));
            j.WriteNumber("display_fps", Math.Round(displayFps, 2));
            j.WriteNumber("display_frames", frames);
            j.WriteString("device", info.Device);
            j.WriteString("provider", info.ExecutionProvider);
            j.WriteString("provider_reason", info.ProviderReason);
            j.WriteString("model", info.ModelName);
            j.WriteString("keypoint_model", info.KeypointModelName);
            j.WriteString("sampler", sampler);
            j.WriteNumber("steps", steps);
            j.WriteBoolean("reuse", reuse);
            j.WriteString("units", "milliseconds; e2e = capture to first display of the frame's X-ray; calls = the k-th network call or "
                + "shader submission of a frame (shaders: the prologue turns the camera frame into the condition and the starting d_t, "
                + "then one submission per step; GPU time from Vulkan timestamps); per_frame = summed per frame; "
                + "pipeline_overhead = 1 - network time / synthesis time (synthesis includes the keypoints)");
            j.WriteEndObject();
        }
        File.WriteAllBytes(path, stream.ToArray());
    }

    private static void WriteTable(IReadOnlyDictionary<string, StageStatistics> stages, StageStatistics e2e, double synthesisFps, double displayFps,
        Breakdown breakdown, SynthesisInfo info)
    {
        var w = System.Console.Out;
        void Row(string name, StageStatistics s) =>
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {s.P50,9:F2} {s.P95,9:F2} {s.P99,9:F2} {s.Max,9:F2} {s.Count,7}"));
        w.WriteLine();
        w.WriteLine($"{"stage",-18} {"p50",9} {"p95",9} {"p99",9} {"max",9} {"count",7}");
        w.WriteLine(new string('-', 66));
        foreach ((string name, StageStatistics s) in stages.Where(kv => kv.Value.Count > 0))
        {
            Row(name, s);
            if (breakdown.Calls.TryGetValue(name, out IReadOnlyList<StageStatistics>? calls) && calls.Count > 1)
            {
                for (int i = 0; i < calls.Count; i++)
                {
                    Row("  " + Breakdown.CallLabel(name, i), calls[i]);
                }
                Row("  per frame", breakdown.PerFrame[name]);
            }
        }
        Row("e2e", e2e);
        if (double.IsFinite(breakdown.NetworkShare))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pipeline overhead {breakdown.PipelineOverhead:P1}: the network is {breakdown.NetworkShare:P1} of frame synthesis (1 − network / synthesis)"));
        }
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthesis {synthesisFps:F1} fps · display {displayFps:F1} fps · {info.ModelName} on {info.ExecutionProvider} · sampler on {info.Device}"));
    }
}
