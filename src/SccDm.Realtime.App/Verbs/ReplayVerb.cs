using System.CommandLine;
using System.Globalization;
using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.App.Replay;
using SccDm.Realtime.App.Terminal;
using SccDm.Realtime.Recording;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Verbs;

/// <summary>`sccdm replay SESSION`: a recorded session's camera frames through the pipeline again, in the window, headless, or compared with the recording.</summary>
internal static class ReplayVerb
{
    public static Command Create()
    {
        var sessionArgument = new Argument<string>("SESSION") { Description = "A session folder written by --record (the one that holds session.json)." };
        var model = new Option<string?>("--model") { Description = "Denoiser ONNX to replay with (default: the configured or bundled model; a different one than recorded is said)." };
        var sampler = new Option<string?>("--sampler") { Description = "paper or sag (default: as recorded)." };
        var steps = new Option<int?>("--steps") { Description = "Sampler steps, 1–9 (default: as recorded)." };
        var headless = new Option<bool>("--headless") { Description = "No window: compose offscreen as fast as frames decode (PNG frames with --out)." };
        var frames = new Option<int?>("--frames") { Description = "Stop after N frames." };
        var outDir = new Option<string?>("--out") { Description = "Headless: folder for the composed PNG frames." };
        var compare = new Option<bool>("--compare") { Description = "Synthesize every recorded camera frame headless and report how far keypoints (px) and HVA/IMA (°) drift from frames.jsonl." };
        var command = new Command("replay",
            """
            Replay a recorded screening session: its lossless camera frames go through the same pipeline again (a
            frame source like a video file, paced at the recorded rate in the window, as fast as possible headless).
            With --compare, every camera frame is synthesized headless and the keypoints and angles are compared
            with what the session recorded (the same model and settings reproduce a headless recording exactly; a
            live session drifts, because the kiosk skipped and warm-started frames as the model's speed allowed).
            Synthetic images, not for diagnosis.

            Examples:
              sccdm replay sessions/20261122T143005Z-9f3a1c2b7d4e5f6012ab34cd
              sccdm replay sessions/20261122T143005Z-9f3a1c2b7d4e5f6012ab34cd --compare
              sccdm replay SESSION --model my_model.onnx --steps 8 --compare
              sccdm replay SESSION --headless --frames 30 --out frames

            Exit codes: 0 ok, 2 bad arguments, 3 something missing, 4 bad model, 5 session missing or corrupt, 130 interrupted.
            """);
        command.Arguments.Add(sessionArgument);
        command.Options.Add(model);
        command.Options.Add(sampler);
        command.Options.Add(steps);
        command.Options.Add(headless);
        command.Options.Add(frames);
        command.Options.Add(outDir);
        command.Options.Add(compare);
        command.SetAction((parse, cancel) => Task.FromResult(Run(
            parse.GetValue(sessionArgument)!, parse.GetValue(model), parse.GetValue(sampler), parse.GetValue(steps), parse.GetValue(headless),
            parse.GetValue(frames), parse.GetValue(outDir), parse.GetValue(compare), parse.InvocationConfiguration.Output, cancel)));
        return command;
    }

    private static int Run(string path, string? model, string? samplerName, int? steps, bool headless, int? frames, string? outDir, bool compare, TextWriter stdout, CancellationToken cancel)
    {
        if (steps is < 1 or > 9)
        {
            return VerbErrors.Fail("replay", ExitCodes.Usage, $"--steps {steps}: must be 1–9.");
        }

        if (frames is <= 0)
        {
            return VerbErrors.Fail("replay", ExitCodes.Usage, $"--frames {frames}: must be a positive number of frames.");
        }

        if (samplerName is not (null or "paper" or "sag"))
        {
            return VerbErrors.Fail("replay", ExitCodes.Usage, $"--sampler must be paper or sag, got '{samplerName}'.");
        }

        if (model is not null && !File.Exists(model))
        {
            return VerbErrors.Fail("replay", ExitCodes.BadModel, $"--model {model}: file not found.");
        }

        RecordedSession recorded;
        IReadOnlyList<RecordedXray> xrays = [];
        try
        {
            recorded = RecordedSession.Open(path);
            if (compare)
            {
                xrays = recorded.ReadXrays();
            }
        }
        catch (RecordingException e)
        {
            return VerbErrors.Fail("replay", ExitCodes.Io, e.Message);
        }

        string variant = samplerName ?? recorded.Variant;
        var options = new KioskOptions
        {
            Source = $"replay {recorded.Id}",
            OpenSource = paced => SessionReplay.OpenCamera(recorded, paced),
            Steps = steps ?? Math.Clamp(recorded.Steps, 1, 9),
            Variant = variant == "sag" ? SamplerVariant.Sag : SamplerVariant.Paper,
            ReuseThreshold = recorded.ReuseThreshold,
            WarmStartThreshold = recorded.WarmStartThreshold,
            Frames = frames,
            Headless = headless || compare,
            OutDirectory = outDir,
        };
        void Configure(AppConfig config)
        {
            if (model is not null)
            {
                config.Model = model;
            }
        }

        if (!compare)
        {
            if (!options.Headless && !KioskApp.HasDisplay())
            {
                return VerbErrors.Fail("replay", ExitCodes.MissingDependency, "no display (DISPLAY is not set): add --headless (with --out DIR for PNG frames) or --compare, or run under xvfb-run -a.");
            }

            return KioskCommandLine.Execute(options with { Frames = frames ?? (options.Headless ? int.MaxValue : null) }, stdout, System.Console.Error, Configure);
        }

        AppConfig appConfig;
        try
        {
            appConfig = AppConfig.Load();
            Configure(appConfig);
        }
        catch (AppConfigException e)
        {
            return VerbErrors.Fail("replay", ExitCodes.Usage, e.Message);
        }

        if (xrays.Count == 0)
        {
            return VerbErrors.Fail("replay", ExitCodes.Io, $"{recorded.FrameLogPath} records no X-ray with a camera frame in {SessionFiles.Camera}: nothing to compare.");
        }

        if (recorded.ModelSha256.TryGetValue("denoiser", out string? sha) && sha.Length > 0 && File.Exists(BundledPaths.Denoiser(appConfig))
            && !string.Equals(Sha256(BundledPaths.Denoiser(appConfig)), sha, StringComparison.Ordinal))
        {
            stdout.WriteLine($"replay: the denoiser differs from the recording's (sha256 {sha[..12]}…): expect drift.");
        }

        ReplayDrift drift;
        try
        {
            drift = SessionReplay.Compare(recorded, xrays, options, appConfig, System.Console.Error, frames, cancel);
        }
        catch (OperationCanceledException)
        {
            return VerbErrors.Fail("replay", ExitCodes.Interrupted, "interrupted");
        }
        catch (Exception e) when (KioskApp.DescribeStartupFailure(e) is { } failure)
        {
            return VerbErrors.Fail("replay", failure.ExitCode, failure.Message);
        }

        WriteDrift(stdout, recorded, options, drift);
        if (drift.Compared == 0)
        {
            return VerbErrors.Fail("replay", ExitCodes.Failure, $"no recorded X-ray could be compared: the replay produced none for the camera frames frames.jsonl names (is {SessionFiles.Camera} truncated?).");
        }

        return ExitCodes.Ok;
    }

    private static void WriteDrift(TextWriter stdout, RecordedSession recorded, KioskOptions options, ReplayDrift drift)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay {recorded.Id}: {drift.Compared} of {drift.Recorded} recorded X-ray(s) compared; {options.Steps} steps, {options.Variant.ToString().ToLowerInvariant()} sampler"));
        var table = new ConsoleTable("drift from the recording", "mean", "p95", "max", "samples");
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        void Row(string name, ReplayDrift.Stats s) =>
            table.Add(name, s.Count > 0 ? F(s.Mean) : "–", s.Count > 0 ? F(s.P95) : "–", s.Count > 0 ? F(s.Max) : "–", s.Count.ToString(CultureInfo.InvariantCulture));
        Row("keypoints (px)", drift.KeypointPx);
        Row("HVA (°)", drift.HvaDegrees);
        Row("IMA (°)", drift.ImaDegrees);
        Row("KCC", drift.Kcc);
        table.Write(stdout);
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
