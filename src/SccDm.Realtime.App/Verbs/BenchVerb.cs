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
        var source = new Option<string?>("--source") { Description = "Frame source, as for `sccdm run` (default phantom; phantom:moving with --warm-start)." };
        var steps = new Option<int>("--steps") { Description = "DDIM steps.", DefaultValueFactory = _ => SamplerOptions.DefaultSteps };
        var sampler = new Option<string>("--sampler") { Description = "paper or sag.", DefaultValueFactory = _ => "paper" };
        var warmup = new Option<int>("--warmup") { Description = "Camera frames left out of the statistics (JIT, first allocations).", DefaultValueFactory = _ => 10 };
        var reuse = new Option<bool>("--reuse") { Description = "Keep the kiosk's similarity filter (reuse and warm start); by default every frame is sampled cold." };
        var warmStart = new Option<bool>("--warm-start")
        {
            Description = "Run twice on the same source (default phantom:moving, a foot that keeps moving): the kiosk's similarity filter with "
                + "warm start, then with warm start off (moderate changes sampled cold), and report both side by side with their ratio "
                + "and what warm start costs in quality (SSIM/MAE of warm-started against cold X-rays of the same frames). Implies --reuse.",
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "With --warm-start: pairs of passes, alternating which goes first (on, off, off, on, …), so a load that changes during the run "
                + "weighs on both; the rows are medians over the rounds, the ratio the median of each round's ratio.",
            DefaultValueFactory = _ => 1,
        };
        var qualityPairs = new Option<int>("--quality-pairs") { Description = "With --warm-start: warm-started frames compared with their cold X-ray (0: skip the quality pass).", DefaultValueFactory = _ => 16 };
        var command = new Command("bench",
            """
            Profile the real-time pipeline headless: per-stage timings (capture, upload, each network call, each
            shader submission from Vulkan timestamps, keypoints, compose, display), capture→display latency, rates and
            the pipeline overhead (1 − network / synthesis time), as report.json, a Chrome trace, a plot and a table.
            Warm-up frames are left out.

            With --warm-start it runs the pipeline twice on a moving camera, warm start on and off, and adds the
            side-by-side rows (model runs/s, cold/warm/reused shares, the filter's bands, display fps, capture→display
            p95, the warm/cold ratio) and the quality cost of warm start to the table and to report.json
            ("warm_start"); the trace and the plot are of the first warm-start pass. Each pass opens its own
            session, so --warmup 90 leaves out the first seconds, which stall on start-up. --rounds N alternates the
            passes (on, off, off, on, …) so that a machine whose load changes weighs on both.

            Examples:
              sccdm bench --frames 300 --out report.json --trace trace.json --plot plot.png
              sccdm bench --frames 300 --warmup 90 --warm-start --rounds 4 --out report.json
            """)
        {
            frames, output, trace, plot, source, steps, sampler, warmup, reuse, warmStart, rounds, qualityPairs,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(new Request(parse.GetValue(frames), parse.GetValue(output)!, parse.GetValue(trace), parse.GetValue(plot),
            parse.GetValue(source), parse.GetValue(steps), parse.GetValue(sampler)!, parse.GetValue(warmup), parse.GetValue(reuse), parse.GetValue(warmStart),
            parse.GetValue(rounds), parse.GetValue(qualityPairs)), cancel)));
        return command;
    }

    // What the command line asked for.
    private sealed record Request(int Frames, string OutPath, string? TracePath, string? PlotPath, string? Source, int Steps, string Sampler, int Warmup,
        bool Reuse, bool WarmStart, int Rounds, int QualityPairs);

    // One timed pass of the pipeline: its profiler (for the trace and plot) and what it measured.
    private sealed record Pass(FrameProfiler Profiler, IReadOnlyDictionary<string, StageStatistics> Stages, StageStatistics E2e, StageEvent[] Events,
        double SynthesisFps, double DisplayFps, long Displayed, Breakdown Breakdown, SynthesisInfo Info, SynthesisCounts Counts, double CameraFps, double ResultsFps);

    private static int Run(Request request, CancellationToken cancel)
    {
        (int frames, string outPath, string? tracePath, string? plotPath, _, int steps, string samplerName, int warmup, _, bool compare, int rounds, int qualityPairs) = request;
        bool reuse = request.Reuse || compare;
        string source = request.Source ?? (compare ? "phantom:moving" : "phantom");
        if (frames < 1 || warmup < 0)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, "--frames must be at least 1 and --warmup at least 0");
        }
        if (qualityPairs < 0 || rounds < 1)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, "--quality-pairs must be at least 0 and --rounds at least 1");
        }
        if (rounds > 1 && !compare)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, "--rounds alternates the passes of --warm-start: add --warm-start, or leave --rounds out");
        }
        if (compare && steps < 2)
        {
            return VerbErrors.Fail("bench", ExitCodes.Usage, "--warm-start needs --steps 2 or more: a 1-step sample has no second half to warm-start");
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
        System.Console.Error.WriteLine($"bench: {frames} display frames after {warmup} warm-up camera frames; {samplerName} sampler, {steps} steps, "
            + (compare ? $"on {source}: the kiosk filter with warm start, then with warm start off" : reuse ? "kiosk reuse/warm start" : "every frame sampled cold"));
        Pass main = Measure(config, request, source, reuse, warmStart: true, samplerOptions, cancel);
        Comparison? comparison = null;
        if (compare)
        {
            // Round r runs (on, off) when r is even and (off, on) when odd: ABBA, so a drifting load weighs on both.
            var on = new List<Pass> { main };
            var off = new List<Pass>();
            for (int round = 0; round < rounds && !cancel.IsCancellationRequested; round++)
            {
                bool onFirst = round % 2 == 0;
                if (onFirst && round > 0)
                {
                    on.Add(Measure(config, request, source, reuse, warmStart: true, samplerOptions, cancel));
                }
                off.Add(Measure(config, request, source, reuse, warmStart: false, samplerOptions, cancel));
                if (!onFirst)
                {
                    on.Add(Measure(config, request, source, reuse, warmStart: true, samplerOptions, cancel));
                }
            }

            WarmStartQuality? quality = null;
            if (qualityPairs > 0 && !cancel.IsCancellationRequested && off.Count == on.Count)
            {
                // The chain samples at the warm passes' cadence: camera frames per model run.
                double fps = Median(on.Select(p => p.SynthesisFps));
                int stride = fps > 0 ? Math.Max(1, (int)Math.Round(main.CameraFps / fps)) : 1;
                System.Console.Error.WriteLine($"bench: quality of warm start: {qualityPairs} warm-started frames against their cold X-ray, every {stride} camera frames");
                quality = WarmStartQuality.Measure(config, source, samplerOptions, stride, qualityPairs, cancel);
            }
            comparison = new Comparison(on.Take(off.Count).ToArray(), off, quality);
        }

        WriteReport(outPath, main, samplerName, steps, reuse, comparison);
        WriteTable(main);
        if (comparison is { Off.Count: > 0 })
        {
            WriteComparison(comparison);
        }
        System.Console.WriteLine($"bench: wrote {Path.GetFullPath(outPath)}");
        if (tracePath is not null)
        {
            using (FileStream stream = File.Create(tracePath))
            {
                ChromeTraceWriter.Write(main.Profiler, stream, "sccdm bench", flowEnd: "display");
            }
            System.Console.WriteLine($"bench: wrote {Path.GetFullPath(tracePath)} (open in https://ui.perfetto.dev)");
        }
        if (plotPath is not null)
        {
            BenchPlot.Write(plotPath, main.Profiler.StageNames, main.Events, main.Stages,
                $"sccdm bench: {main.Info.ModelName} on {main.Info.ExecutionProvider}, sampler on {main.Info.Device}, {samplerName} {steps} steps{(compare ? ", warm start" : "")}");
            System.Console.WriteLine($"bench: wrote {Path.GetFullPath(plotPath)}");
        }
        return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    // Runs the kiosk pipeline headless for the requested display frames and measures it.
    private static Pass Measure(AppConfig config, Request request, string source, bool reuse, bool warmStart, SamplerOptions samplerOptions, CancellationToken cancel)
    {
        var profiler = new FrameProfiler(capacity: 1 << 18, warmupFrames: request.Warmup);
        var options = new KioskOptions
        {
            Source = source,
            Steps = request.Steps,
            Headless = true,
            SimulateModelCost = false,
            ReuseThreshold = reuse ? FrameChangeFilter.DefaultReuseThreshold : 0,
            WarmStartThreshold = reuse ? FrameChangeFilter.DefaultWarmStartThreshold : 0,
        };
        using KioskSession session = KioskSession.Open(options, config, paced: true, "bench (headless)", System.Console.Error, profiler);
        session.Controls.Sampler = samplerOptions;
        session.Pipeline.WarmStart = warmStart;
        SynthesisInfo info = session.Pipeline.SynthesisInfo;
        int displayStage = profiler.StageId("display");
        var canvas = new byte[options.Width * options.Height * 4];
        long interval = Stopwatch.Frequency / 60;

        profiler.NameCurrentThread("display");
        session.Pipeline.Start();
        long lastShown = -1, displayed = 0, loopStart = 0;
        SynthesisCounts countsAtStart = default;
        long next = Stopwatch.GetTimestamp();
        while (displayed < request.Frames && !cancel.IsCancellationRequested)
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
            if (frameId >= request.Warmup)
            {
                if (displayed == 0)
                {
                    loopStart = now;
                    countsAtStart = session.Pipeline.SynthesisCounts;
                }
                displayed++;
            }
        }
        double loopSeconds = (Stopwatch.GetTimestamp() - loopStart) / (double)Stopwatch.Frequency;
        session.Pipeline.Stop();

        StageEvent[] events = profiler.Snapshot().Where(e => e.FrameId >= request.Warmup).ToArray();
        SynthesisCounts counts = session.Pipeline.SynthesisCounts - countsAtStart;
        return new Pass(profiler, profiler.Summarize(), profiler.Latency("capture", "display"), events,
            Rate(events, profiler.StageId("synthesis")), loopSeconds > 0 ? displayed / loopSeconds : 0, displayed, new Breakdown(profiler), info,
            counts, session.Pipeline.SourceInfo.Fps, loopSeconds > 0 ? counts.Frames / loopSeconds : 0);
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

    private static void WriteReport(string path, Pass pass, string sampler, int steps, bool reuse, Comparison? comparison)
    {
        (IReadOnlyDictionary<string, StageStatistics> stages, StageStatistics e2e, Breakdown breakdown, SynthesisInfo info) = (pass.Stages, pass.E2e, pass.Breakdown, pass.Info);
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
            j.WriteNumber("synthesis_fps", Math.Round(pass.SynthesisFps, 2));
            j.WriteNumber("display_fps", Math.Round(pass.DisplayFps, 2));
            j.WriteNumber("display_frames", pass.Displayed);
            j.WriteString("device", info.Device);
            j.WriteString("provider", info.ExecutionProvider);
            j.WriteString("provider_reason", info.ProviderReason);
            j.WriteString("model", info.ModelName);
            j.WriteString("keypoint_model", info.KeypointModelName);
            j.WriteString("sampler", sampler);
            j.WriteNumber("steps", steps);
            j.WriteBoolean("reuse", reuse);
            if (comparison is { Off.Count: > 0 })
            {
                WriteWarmStart(j, comparison);
            }
            j.WriteString("units", "milliseconds; e2e = capture to first display of the frame's X-ray; calls = the k-th network call or "
                + "shader submission of a frame (shaders: the prologue turns the camera frame into the condition and the starting d_t, "
                + "then one submission per step; GPU time from Vulkan timestamps); per_frame = summed per frame; "
                + "pipeline_overhead = 1 - network time / synthesis time (synthesis includes the keypoints); warm_start: synthesis_fps = model runs "
                + "(cold + warm samples) per second, results_fps = X-rays published per second (samples + reuses, the kiosk HUD's synthesis rate), shares of the frames the synthesis thread took, capture_display = e2e, ratio = warm start on / off, "
                + "quality = warm-started X-ray against the cold X-ray of the same frame (SSIM data range 2, MAE on a 0-1 scale)");
            j.WriteEndObject();
        }
        File.WriteAllBytes(path, stream.ToArray());
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // --warm-start: the passes with warm start on and off (as many of each, one pair per round) and the quality pass.
    private sealed record Comparison(IReadOnlyList<Pass> On, IReadOnlyList<Pass> Off, WarmStartQuality? Quality)
    {
        public Row OnRow => Row.Of(On);

        public Row OffRow => Row.Of(Off);

        // Each round's on/off ratio: the two passes of a round ran next to each other, under the most similar load.
        public double SynthesisRatio => Median(On.Zip(Off, (a, b) => b.SynthesisFps > 0 ? a.SynthesisFps / b.SynthesisFps : 0));

        public double DisplayRatio => Median(On.Zip(Off, (a, b) => b.DisplayFps > 0 ? a.DisplayFps / b.DisplayFps : 0));

        public double LatencyRatio => Median(On.Zip(Off, (a, b) => b.E2e.P95 > 0 ? a.E2e.P95 / b.E2e.P95 : 0));

        public IEnumerable<double> RoundRatios => On.Zip(Off, (a, b) => b.SynthesisFps > 0 ? a.SynthesisFps / b.SynthesisFps : 0);
    }

    // One side of the comparison: medians over its passes, counts summed.
    private sealed record Row(double SynthesisFps, double ResultsFps, double DisplayFps, double E2eP50, double E2eP95, double SynthesisP50, SynthesisCounts Counts)
    {
        public static Row Of(IReadOnlyList<Pass> passes) => new(
            Median(passes.Select(p => p.SynthesisFps)), Median(passes.Select(p => p.ResultsFps)), Median(passes.Select(p => p.DisplayFps)),
            Median(passes.Select(p => p.E2e.P50)), Median(passes.Select(p => p.E2e.P95)),
            Median(passes.Select(p => p.Stages.TryGetValue("synthesis", out StageStatistics? s) ? s.P50 : 0)),
            passes.Aggregate(default(SynthesisCounts), (sum, p) => sum + p.Counts));
    }

    // "warm_start": both sides, their ratio and the quality cost.
    private static void WriteWarmStart(Utf8JsonWriter j, Comparison comparison)
    {
        static void WriteRow(Utf8JsonWriter j, string name, Row p)
        {
            SynthesisCounts c = p.Counts;
            double Share(long n) => c.Frames > 0 ? Math.Round(n / (double)c.Frames, 4) : 0;
            j.WritePropertyName(name);
            j.WriteStartObject();
            j.WriteNumber("synthesis_fps", Math.Round(p.SynthesisFps, 2));
            j.WriteNumber("results_fps", Math.Round(p.ResultsFps, 2));
            j.WriteNumber("display_fps", Math.Round(p.DisplayFps, 2));
            j.WriteNumber("capture_display_p50", Math.Round(p.E2eP50, 3));
            j.WriteNumber("capture_display_p95", Math.Round(p.E2eP95, 3));
            j.WriteNumber("synthesis_p50", Math.Round(p.SynthesisP50, 3));
            j.WriteNumber("frames", c.Frames);
            j.WriteNumber("cold_samples", c.ColdSamples);
            j.WriteNumber("warm_samples", c.WarmSamples);
            j.WriteNumber("reused", c.Reused);
            j.WriteNumber("cold_share", Share(c.ColdSamples));
            j.WriteNumber("warm_share", Share(c.WarmSamples));
            j.WriteNumber("reused_share", Share(c.Reused));
            j.WritePropertyName("bands");
            j.WriteStartObject();
            j.WriteNumber("new", c.New);
            j.WriteNumber("moderate", c.Moderate);
            j.WriteNumber("unchanged", c.Unchanged);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        j.WritePropertyName("warm_start");
        j.WriteStartObject();
        j.WriteNumber("rounds", comparison.Off.Count);
        WriteRow(j, "on", comparison.OnRow);
        WriteRow(j, "off", comparison.OffRow);
        j.WritePropertyName("ratio");
        j.WriteStartObject();
        j.WriteNumber("synthesis_fps", Math.Round(comparison.SynthesisRatio, 3));
        j.WriteNumber("display_fps", Math.Round(comparison.DisplayRatio, 3));
        j.WriteNumber("capture_display_p95", Math.Round(comparison.LatencyRatio, 3));
        j.WritePropertyName("synthesis_fps_per_round");
        j.WriteStartArray();
        foreach (double r in comparison.RoundRatios)
        {
            j.WriteNumberValue(Math.Round(r, 3));
        }
        j.WriteEndArray();
        j.WriteEndObject();
        if (comparison.Quality is { } quality)
        {
            static void Summary(Utf8JsonWriter j, string name, IReadOnlyList<double> values)
            {
                j.WritePropertyName(name);
                if (values.Count == 0)
                {
                    j.WriteNullValue();
                    return;
                }
                j.WriteStartObject();
                j.WriteNumber("mean", Math.Round(values.Average(), 4));
                j.WriteNumber("min", Math.Round(values.Min(), 4));
                j.WriteNumber("max", Math.Round(values.Max(), 4));
                j.WriteEndObject();
            }
            j.WritePropertyName("quality");
            j.WriteStartObject();
            j.WriteNumber("pairs", quality.Pairs);
            j.WriteNumber("stride", quality.Stride);
            Summary(j, "ssim", quality.Ssim);
            Summary(j, "mae", quality.Mae);
            Summary(j, "consecutive_cold_ssim", quality.ConsecutiveColdSsim);
            j.WriteEndObject();
        }
        j.WriteEndObject();
    }

    private static void WriteTable(Pass pass)
    {
        (IReadOnlyDictionary<string, StageStatistics> stages, StageStatistics e2e, Breakdown breakdown, SynthesisInfo info) = (pass.Stages, pass.E2e, pass.Breakdown, pass.Info);
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
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthesis {pass.SynthesisFps:F1} fps · display {pass.DisplayFps:F1} fps · {info.ModelName} on {info.ExecutionProvider} · sampler on {info.Device}"));
    }

    // The --warm-start rows: both sides, the ratio, and the quality cost.
    private static void WriteComparison(Comparison comparison)
    {
        var w = System.Console.Out;
        static string Shares(SynthesisCounts c) => c.Frames == 0 ? "-" : string.Create(CultureInfo.InvariantCulture,
            $"{c.WarmSamples / (double)c.Frames,5:P0} {c.ColdSamples / (double)c.Frames,5:P0} {c.Reused / (double)c.Frames,5:P0}");
        void WriteRow(string name, Row p) => w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} {p.SynthesisFps,9:F2} {p.ResultsFps,9:F2} {p.DisplayFps,9:F1} {p.E2eP95,9:F0} {Shares(p.Counts),-17} {p.Counts.New,5}/{p.Counts.Moderate}/{p.Counts.Unchanged}"));
        w.WriteLine();
        if (comparison.Off.Count > 1)
        {
            w.WriteLine($"warm start on and off, {comparison.Off.Count} rounds: medians of the passes, counts summed, the ratio the median of each round's");
        }
        w.WriteLine($"{"warm start",-18} {"model/s",9} {"X-rays/s",9} {"display",9} {"e2e p95",9} {"warm  cold reuse",-17} {"bands new/moderate/unchanged"}");
        w.WriteLine(new string('-', 102));
        WriteRow("on", comparison.OnRow);
        WriteRow("off (cold)", comparison.OffRow);
        string perRound = comparison.Off.Count > 1 ? "   per round: " + string.Join(" ", comparison.RoundRatios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))) : "";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"ratio on/off",-18} {comparison.SynthesisRatio,9:F2} {"",9} {comparison.DisplayRatio,9:F2} {comparison.LatencyRatio,9:F2}{perRound}"));
        WarmStartQuality? quality = comparison.Quality;
        if (quality is { Pairs: > 0 })
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"quality of warm start ({quality.Pairs} frames, every {quality.Stride} camera frames): SSIM to the cold X-ray of the same frame {quality.Ssim.Average():F3} (min {quality.Ssim.Min():F3}), "
                + $"MAE {quality.Mae.Average():F4}; successive cold X-rays of the chain: SSIM {(quality.ConsecutiveColdSsim.Count > 0 ? quality.ConsecutiveColdSsim.Average() : double.NaN):F3}"));
        }
        else if (quality is not null)
        {
            w.WriteLine("quality of warm start: no frame of the chain was warm-started (the source did not move within the warm-start band)");
        }
    }
}
