using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Sampling.Reference;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App.Verbs;

/// <summary>
/// `sccdm synth`: one photo in, one synthetic X-ray out, deterministic by default. The sampler runs on the Vulkan
/// device when there is one (the C# reference otherwise, and always for the 1000-step reference sampler).
/// </summary>
internal static class SynthVerb
{
    private const int MinimumPhotoSide = 32;

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "The foot photo (PNG, any size; letterboxed to the model's square input).", Required = true };
        var output = new Option<string>("--out") { Description = "Synthetic X-ray PNG to write (gray, at the model's size).", Required = true };
        var steps = new Option<int>("--steps") { Description = "DDIM steps S, 1…1000 (trailing spacing).", DefaultValueFactory = _ => SamplerOptions.DefaultSteps };
        var sampler = new Option<string>("--sampler") { Description = "paper (one network pass per step), sag (two) or reference (1000-step DDPM + SAG, slow).", DefaultValueFactory = _ => "paper" };
        var model = new Option<string?>("--model") { Description = "Denoiser ONNX (default: the bundled kiosk model)." };
        var keypointModel = new Option<string?>("--keypoint-model") { Description = "Keypoint detector ONNX for --overlay (default: the bundled one)." };
        var overlay = new Option<string?>("--overlay") { Description = "Also write the X-ray with the keypoint skeleton, KCC and angles drawn." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sampler's noise; the same seed gives the same image.", DefaultValueFactory = _ => 0x5CC0D };
        var bench = new Option<int>("--bench") { Description = "Also time N more samples and split each into network, shaders and the rest.", DefaultValueFactory = _ => 0 };
        var cpu = new Option<bool>("--cpu") { Description = "Run the sampler's non-network steps in C# even when a Vulkan device exists." };
        var command = new Command("synth",
            """
            Turn one foot photo into a synthetic X-ray (synthetic, not for diagnosis).

            Examples:
              sccdm synth --input foot.png --out xray.png
              sccdm synth --input foot.png --out xray.png --overlay skeleton.png --steps 8
              sccdm synth --input foot.png --out xray.png --bench 20
            """)
        {
            input, output, steps, sampler, model, keypointModel, overlay, seed, bench, cpu,
        };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(steps), parse.GetValue(sampler)!,
            parse.GetValue(model), parse.GetValue(keypointModel), parse.GetValue(overlay), parse.GetValue(seed), parse.GetValue(bench), parse.GetValue(cpu)));
        return command;
    }

    private static int Run(string inputPath, string outPath, int steps, string samplerName, string? modelPath, string? keypointPath, string? overlayPath, ulong seed, int bench, bool forceCpu)
    {
        if (samplerName is not ("paper" or "sag" or "reference"))
        {
            return VerbErrors.Fail("synth", ExitCodes.Usage, $"--sampler must be paper, sag or reference, got '{samplerName}'");
        }
        var options = new SamplerOptions { Steps = steps, Seed = seed, Variant = samplerName == "sag" ? SamplerVariant.Sag : SamplerVariant.Paper };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return VerbErrors.Fail("synth", ExitCodes.Usage, $"--steps {e.ActualValue}: {VerbErrors.Describe(e)}");
        }
        PngImage photo = PngCodec.Read(inputPath, PngPixelFormat.Rgba);
        if (photo.Width < MinimumPhotoSide || photo.Height < MinimumPhotoSide)
        {
            return VerbErrors.Fail("synth", ExitCodes.Usage, $"{inputPath} is {photo.Width}×{photo.Height}: too small for a foot photo (at least {MinimumPhotoSide}×{MinimumPhotoSide}).");
        }

        AppConfig config = AppConfig.Load();
        if (config.OrtPath is { } ortPath)
        {
            OrtLibrary.ConfiguredPath = ortPath;
        }
        var modelOptions = new ModelOptions { IntraOpNumThreads = config.Threads };
        using DenoiserModel denoiser = DenoiserModel.Open(modelPath ?? BundledPaths.Denoiser(config), modelOptions);
        if (steps > denoiser.Metadata.T)
        {
            return VerbErrors.Fail("synth", ExitCodes.Usage, $"--steps {steps} exceeds the model's T = {denoiser.Metadata.T}");
        }
        int size = denoiser.Metadata.ImageSize;
        var cond = new float[size * size];
        var d0 = new float[size * size];
        var xray = new float[size * size];
        CameraToCond.Apply(photo.Pixels, photo.Width, photo.Height, cond, size);

        GpuDevice? device = null;
        string where = "C# reference";
        try
        {
            if (!forceCpu && samplerName != "reference")
            {
                try
                {
                    device = GpuDevice.Create(new GpuDeviceOptions { ApplicationName = "sccdm synth" });
                    where = $"Vulkan {device.DeviceName}";
                }
                catch (GpuUnavailableException e)
                {
                    System.Console.Error.WriteLine($"synth: no Vulkan device ({e.Message.Split('.')[0]}); the sampler runs in C#.");
                }
            }
            var clock = Stopwatch.StartNew();
            using VulkanSampler? vulkan = device is null ? null : new VulkanSampler(device, denoiser);
            if (vulkan is not null)
            {
                vulkan.Sample(cond, options, d0, xray);
                clock.Stop();
            }
            else
            {
                using var network = new OrtDenoiserNetwork(denoiser);
                var reference = new ReferenceSampler(network);
                if (samplerName == "reference")
                {
                    System.Console.Error.WriteLine("synth: reference sampler, 1000 DDPM steps with SAG (2000 network passes): this takes a while.");
                    reference.SampleReference(cond, xray, seed, options.SagScale);
                }
                else
                {
                    reference.Sample(cond, options, d0, xray);
                }
                clock.Stop();
            }

            WriteGray(outPath, xray, size);
            System.Console.WriteLine($"synth: wrote {Path.GetFullPath(outPath)} ({size}×{size}) in {clock.Elapsed.TotalMilliseconds:F0} ms: {samplerName} sampler, {(samplerName == "reference" ? 1000 : steps)} steps, on {where}; synthetic, not for diagnosis.");
            if (overlayPath is not null)
            {
                string detectorPath = keypointPath ?? BundledPaths.Keypoints(config);
                using KeypointModel keypoints = KeypointModel.Open(detectorPath, modelOptions);
                using var detector = new KeypointDetector(keypoints);
                WriteOverlay(overlayPath, xray, size, detector);
                System.Console.WriteLine($"synth: wrote {Path.GetFullPath(overlayPath)} (skeleton, KCC and angles)");
            }
            if (bench > 0)
            {
                if (vulkan is null)
                {
                    System.Console.Error.WriteLine("synth: --bench splits the Vulkan path's steps; this run used the C# sampler, so there is nothing to split.");
                }
                else
                {
                    Bench(bench, () => { vulkan.Sample(cond, options); return vulkan.LastFrame; });
                }
            }
        }
        finally
        {
            device?.Dispose();
        }
        return ExitCodes.Ok;
    }

    private static void Bench(int frames, Func<SamplerFrameTimings> sample)
    {
        for (int i = 0; i < 3; i++)
        {
            sample();
        }
        var totals = new List<SamplerFrameTimings>(frames);
        for (int i = 0; i < frames; i++)
        {
            totals.Add(sample());
        }
        double total = totals.Average(t => t.TotalMs), network = totals.Average(t => t.NetworkMs), shaders = totals.Average(t => t.ShaderWallMs);
        double gpu = totals.Average(t => t.ShaderGpuMs), upload = totals.Average(t => t.UploadMs);
        double rest = total - network - shaders - upload;
        var w = System.Console.Out;
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synth bench: {frames} samples after 3 warm-up, mean per sample ({totals[0].NetworkCalls} network passes, {totals[0].Submits} submits)"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total                    {total,8:F2} ms"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  network (ORT)            {network,8:F2} ms  {network / total,6:P1}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  shaders (record+submit+wait) {shaders,4:F2} ms  {shaders / total,6:P1}   (GPU timestamps {gpu:F2} ms)"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  upload                   {upload,8:F2} ms  {upload / total,6:P1}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  other (sync, host)       {rest,8:F2} ms  {rest / total,6:P1}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  everything but the network: {(total - network) / total:P1} of a sample"));
    }

    private static void WriteGray(string path, float[] image, int size)
    {
        var bytes = new byte[size * size];
        XrayComposer.ToGray(image, bytes);
        PngCodec.Write(path, bytes, size, size, PngPixelFormat.Gray);
    }

    // The X-ray at 4× with the skeleton (points coloured by confidence), KCC, angles and the disclaimer.
    private static void WriteOverlay(string path, float[] xray, int size, KeypointDetector detector)
    {
        var found = new DetectedKeypoint[10];
        detector.Detect(xray, size, found);
        const int scale = 4;
        int side = size * scale, footer = 56;
        int width = side, height = side + footer;
        var rgba = new byte[width * height * 4];
        var gray = new byte[size * size];
        XrayComposer.ToGray(xray, gray);
        PixelDraw.FillRect(rgba, width, height, 0, 0, width, height, 0x141820FF);
        PixelDraw.Blit(gray, size, size, 1, rgba, width, height, 0, 0, side, side);
        XrayComposer.DrawSkeleton(rgba, width, height, found, scale);
        var points = found.Select(k => new Keypoint2D(k.X, k.Y)).ToArray();
        double hva = FootAngles.Hva(points), ima = FootAngles.Ima(points);
        float kcc = Kcc.Compute(found);
        string reading = kcc >= Kcc.ClinicalBar
            ? string.Create(CultureInfo.InvariantCulture, $"KCC {kcc:F2}   HVA {hva:F1}° {HalluxValgusGrading.NameOf(HalluxValgusGrading.FromHva(hva))}   IMA {ima:F1}° {HalluxValgusGrading.NameOf(HalluxValgusGrading.FromIma(ima))}")
            : string.Create(CultureInfo.InvariantCulture, $"KCC {kcc:F2}: below {Kcc.ClinicalBar:F2}, angles not shown");
        using TextRasterizer text = TextRasterizer.CreateDefault(16);
        text.Draw(rgba, width, height, 8, side + 22, reading, 0xE8ECF0FF);
        text.Draw(rgba, width, height, 8, side + 46, "Synthetic image — not for diagnosis", 0xF0B040FF);
        PngCodec.Write(path, rgba, width, height, PngPixelFormat.Rgba);
    }
}
