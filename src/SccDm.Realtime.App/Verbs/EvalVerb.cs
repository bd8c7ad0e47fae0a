using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SccDm.Realtime.App.Terminal;
using SccDm.Realtime.Evaluation;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Verbs;

/// <summary>
/// `sccdm eval`: synthesizes every sample of a dataset in the reference layout and scores the X-rays (SSIM, PSNR,
/// MAE), the keypoints end to end (KCC, HVA/IMA error, grade agreement) and the detector on the real X-rays.
/// </summary>
internal static class EvalVerb
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder: <id>/original.png, xray.png, keypoints.json (here or under test/).", Required = true };
        var steps = new Option<int>("--steps") { Description = "DDIM steps of the reduced sampler (1…50).", DefaultValueFactory = _ => SamplerOptions.DefaultSteps };
        var sampler = new Option<string>("--sampler") { Description = "paper (one pass per step), sag (two passes) or reference (1000-step DDPM with SAG: slow).", DefaultValueFactory = _ => "paper" };
        var json = new Option<string?>("--json") { Description = "Write the summary and per-sample results as JSON." };
        var worst = new Option<string?>("--worst") { Description = "Write a PNG of the worst cases by MAE: photo | real X-ray | synthesized." };
        var limit = new Option<int>("--limit") { Description = "Evaluate only the first N samples (0: all).", DefaultValueFactory = _ => 0 };
        var model = new Option<string?>("--model") { Description = "Denoiser ONNX (default: the bundled kiosk model)." };
        var keypoints = new Option<string?>("--keypoint-model") { Description = "Keypoint detector ONNX (default: the bundled one; 'none' to skip keypoints)." };
        var noGating = new Option<bool>("--no-gating") { Description = "Ablation: turn the attention gate off." };
        var lambda = new Option<float>("--lambda") { Description = "Multi-scale refinement strength λ in [0,1] (0 turns refinement off).", DefaultValueFactory = _ => 1f };
        var psi = new Option<float?>("--psi") { Description = "Attention-gate threshold ψ: a token is gated when its attention column sum (mean 1) exceeds it (default: the model's sccdm.psi)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sampler's fixed noise z (the kiosk's default unless given); compare seeds to see how much the result depends on z.", DefaultValueFactory = _ => new SamplerOptions().Seed };
        var command = new Command("eval",
            """
            Evaluate the synthesizer on a dataset in the reference layout, against the real X-rays and the ground-truth
            angles. Image metrics use intensities in [0, 1]; PCK counts keypoints within 2% of the image size.

            Examples:
              sccdm eval --data models/training/data --json eval.json --worst worst.png
              sccdm eval --data models/training/data/test --sampler reference --limit 10
              sccdm eval --data models/training/data/val --limit 50 --seed 7
              sccdm eval --data models/training/data/val --limit 100 --psi 2
            """)
        {
            data, steps, sampler, json, worst, limit, model, keypoints, noGating, lambda, psi, seed,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(new Settings(parse.GetValue(data)!, parse.GetValue(steps), parse.GetValue(sampler)!,
            parse.GetValue(json), parse.GetValue(worst), parse.GetValue(limit), parse.GetValue(model), parse.GetValue(keypoints),
            !parse.GetValue(noGating), parse.GetValue(lambda), parse.GetValue(psi), parse.GetValue(seed)), cancel)));
        return command;
    }

    private sealed record Settings(string Data, int Steps, string Sampler, string? Json, string? Worst, int Limit, string? Model, string? KeypointModel, bool Gating, float Lambda, float? Psi, ulong Seed);

    private static int Run(Settings s, CancellationToken cancel)
    {
        if (s.Sampler is not ("paper" or "sag" or "reference"))
        {
            return VerbErrors.Fail("eval", ExitCodes.Usage, $"--sampler must be paper, sag or reference, got '{s.Sampler}'");
        }
        var options = new EvaluationOptions
        {
            Reference = s.Sampler == "reference",
            Sampler = new SamplerOptions
            {
                Steps = s.Steps,
                Variant = s.Sampler == "sag" ? SamplerVariant.Sag : SamplerVariant.Paper,
                Gating = s.Gating,
                Lambda = s.Lambda,
                Psi = s.Psi,
                Seed = s.Seed,
            },
        };
        try
        {
            options.Sampler.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return VerbErrors.Fail("eval", ExitCodes.Usage, VerbErrors.Describe(e));
        }

        AppConfig config = AppConfig.Load();
        if (config.OrtPath is { } ortPath)
        {
            OrtLibrary.ConfiguredPath = ortPath;
        }
        IReadOnlyList<string> samples = DatasetEvaluator.FindSamples(s.Data);
        if (s.Limit > 0)
        {
            samples = samples.Take(s.Limit).ToArray();
        }
        var modelOptions = new ModelOptions { IntraOpNumThreads = config.Threads };
        using DenoiserModel denoiser = DenoiserModel.Open(s.Model ?? BundledPaths.Denoiser(config), modelOptions);
        string keypointPath = s.KeypointModel ?? BundledPaths.Keypoints(config);
        using KeypointModel? keypointModel = keypointPath == "none" ? null : KeypointModel.Open(keypointPath, modelOptions);
        using var network = new OrtDenoiserNetwork(denoiser);
        using KeypointDetector? detector = keypointModel is null ? null : new KeypointDetector(keypointModel);
        var evaluator = new DatasetEvaluator(network, detector);

        System.Console.Error.WriteLine($"eval: {samples.Count} samples from {s.Data}, {Describe(s)}, model {Path.GetFileName(denoiser.Path)} on {denoiser.ExecutionProvider.Provider}");
        var progress = new ProgressBar(System.Console.Error, samples.Count, "eval", interactive: !System.Console.IsErrorRedirected);
        var results = new List<EvaluationSample>(samples.Count);
        var worstCases = new List<(double Mae, byte[] Row)>();
        foreach (string dir in samples)
        {
            if (cancel.IsCancellationRequested)
            {
                System.Console.Error.WriteLine($"eval: interrupted after {results.Count} samples; reporting those.");
                break;
            }
            EvaluationSample r;
            try
            {
                r = evaluator.Evaluate(dir, options, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Ctrl-C in the middle of a (slow, reference) sample: drop that one, keep and report the finished ones.
                System.Console.Error.WriteLine($"eval: interrupted after {results.Count} samples; reporting those.");
                break;
            }
            results.Add(r);
            if (s.Worst is not null)
            {
                KeepWorst(worstCases, r.Mae, evaluator);
            }
            progress.Report(results.Count);
            if (s.Json is not null)
            {
                // Rewritten after every sample: a run that is killed (SIGTERM's grace is short) keeps what it finished.
                WriteJson(s.Json, s, EvaluationSummary.From(results, progress.Elapsed), results, samples.Count);
            }
        }
        EvaluationSummary summary = EvaluationSummary.From(results, progress.Elapsed);
        WriteTable(summary, System.Console.Out);
        if (s.Json is not null)
        {
            WriteJson(s.Json, s, summary, results, samples.Count);
            System.Console.WriteLine($"eval: wrote {Path.GetFullPath(s.Json)}");
        }
        if (s.Worst is not null && worstCases.Count > 0)
        {
            int size = evaluator.ImageSize;
            byte[] sheet = worstCases.OrderByDescending(w => w.Mae).SelectMany(w => w.Row).ToArray();
            PngCodec.Write(s.Worst, sheet, size * 3, size * worstCases.Count, PngPixelFormat.Gray);
            System.Console.WriteLine($"eval: wrote the {worstCases.Count} worst cases (photo | real | synthesized) to {Path.GetFullPath(s.Worst)}");
        }
        return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    private static string Describe(Settings s) => s.Sampler == "reference"
        ? "reference sampler (1000-step DDPM + SAG)"
        : $"{s.Sampler} sampler, {s.Steps} steps{(s.Gating ? "" : ", no gating")}{(s.Lambda != 1f ? $", λ={s.Lambda}" : "")}{(s.Psi is { } p ? $", ψ={p}" : "")}";

    // Keeps the 8 highest-MAE samples as gray rows: condition | real | synthesized.
    private static void KeepWorst(List<(double Mae, byte[] Row)> worst, double mae, DatasetEvaluator evaluator)
    {
        const int keep = 8;
        if (worst.Count >= keep && mae <= worst.Min(w => w.Mae))
        {
            return;
        }
        int n = evaluator.ImageSize;
        var row = new byte[n * n * 3];
        float[][] panels = [evaluator.Condition, evaluator.Real, evaluator.Synthesized];
        for (int y = 0; y < n; y++)
        {
            for (int p = 0; p < 3; p++)
            {
                for (int x = 0; x < n; x++)
                {
                    row[y * n * 3 + p * n + x] = (byte)Math.Clamp((panels[p][y * n + x] + 1f) * 127.5f + 0.5f, 0, 255);
                }
            }
        }
        worst.Add((mae, row));
        if (worst.Count > keep)
        {
            worst.Remove(worst.MinBy(w => w.Mae));
        }
    }

    private static void WriteTable(EvaluationSummary m, TextWriter w)
    {
        static string F(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        w.WriteLine();
        w.WriteLine($"{"measure",-34} {"value",10}");
        w.WriteLine(new string('-', 45));
        w.WriteLine($"{"samples",-34} {m.Count,10}");
        w.WriteLine($"{"SSIM (synthesized vs real)",-34} {F(m.Ssim, "F4"),10}");
        w.WriteLine($"{"PSNR, dB",-34} {F(m.Psnr, "F2"),10}");
        w.WriteLine($"{"MAE",-34} {F(m.Mae, "F4"),10}");
        w.WriteLine($"{"KCC",-34} {F(m.Kcc, "F3"),10}");
        w.WriteLine($"{"HVA MAE end to end, °",-34} {F(m.HvaMae, "F2"),10}");
        w.WriteLine($"{"IMA MAE end to end, °",-34} {F(m.ImaMae, "F2"),10}");
        w.WriteLine($"{"grade agreement (HVA and IMA)",-34} {F(m.GradeAgreement * 100, "F1") + "%",10}");
        w.WriteLine($"{"  HVA grade alone",-34} {F(m.HvaGradeAgreement * 100, "F1") + "%",10}");
        w.WriteLine($"{"  IMA grade alone",-34} {F(m.ImaGradeAgreement * 100, "F1") + "%",10}");
        w.WriteLine($"{"PCK@2% on synthesized",-34} {F(m.Pck * 100, "F1") + "%",10}");
        w.WriteLine($"{"detector on real X-rays: PCK@2%",-34} {F(m.GroundTruthPck * 100, "F1") + "%",10}");
        w.WriteLine($"{"detector on real X-rays: HVA MAE",-34} {F(m.GroundTruthHvaMae, "F2"),10}");
        w.WriteLine($"{"detector on real X-rays: IMA MAE",-34} {F(m.GroundTruthImaMae, "F2"),10}");
        w.WriteLine($"{"detector on real X-rays: grades",-34} {F(m.GroundTruthGradeAgreement * 100, "F1") + "%",10}");
        w.WriteLine($"{"rate, samples/s",-34} {F(m.SamplesPerSecond, "F2"),10}");
        w.WriteLine($"{"time per sample, s",-34} {F(1 / m.SamplesPerSecond, "F2"),10}");
        w.WriteLine("Synthetic images from a phantom-trained model: not for diagnosis.");
    }

    private static void WriteJson(string path, Settings s, EvaluationSummary m, IReadOnlyList<EvaluationSample> samples, int requested)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            static void Num(Utf8JsonWriter j, string name, double v)
            {
                if (double.IsFinite(v)) { j.WriteNumber(name, v); } else { j.WriteNull(name); }
            }
            j.WriteStartObject();
            j.WriteString("sampler", s.Sampler);
            j.WriteNumber("steps", s.Steps);
            j.WriteBoolean("gating", s.Gating);
            j.WriteNumber("lambda", s.Lambda);
            if (s.Psi is { } psiValue) { j.WriteNumber("psi", psiValue); } else { j.WriteNull("psi"); }
            j.WriteNumber("seed", s.Seed);
            j.WriteNumber("count", m.Count);
            j.WriteNumber("requested", requested);
            Num(j, "ssim", m.Ssim);
            Num(j, "psnr", m.Psnr);
            Num(j, "mae", m.Mae);
            Num(j, "kcc", m.Kcc);
            Num(j, "hva_mae", m.HvaMae);
            Num(j, "ima_mae", m.ImaMae);
            Num(j, "grade_agreement", m.GradeAgreement);
            Num(j, "hva_grade_agreement", m.HvaGradeAgreement);
            Num(j, "ima_grade_agreement", m.ImaGradeAgreement);
            Num(j, "pck", m.Pck);
            j.WritePropertyName("detector_on_ground_truth");
            j.WriteStartObject();
            Num(j, "pck", m.GroundTruthPck);
            Num(j, "hva_mae", m.GroundTruthHvaMae);
            Num(j, "ima_mae", m.GroundTruthImaMae);
            Num(j, "grade_agreement", m.GroundTruthGradeAgreement);
            j.WriteEndObject();
            Num(j, "samples_per_second", m.SamplesPerSecond);
            j.WriteString("note", "synthetic images from a phantom-trained model; not for diagnosis");
            j.WriteStartArray("samples");
            foreach (EvaluationSample r in samples)
            {
                j.WriteStartObject();
                j.WriteString("id", r.Id);
                Num(j, "ssim", r.Ssim);
                Num(j, "psnr", r.Psnr);
                Num(j, "mae", r.Mae);
                Num(j, "kcc", r.Kcc);
                Num(j, "hva_error", r.HvaError);
                Num(j, "ima_error", r.ImaError);
                if (r.GradesAgree is { } g) { j.WriteBoolean("grades_agree", g); }
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        // Whole file or nothing: a reader (or a kill) never sees half a JSON.
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, stream.ToArray());
        File.Move(temporary, path, overwrite: true);
    }
}
