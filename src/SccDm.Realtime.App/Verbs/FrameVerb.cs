using System.CommandLine;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.App.Verbs;

/// <summary>
/// `sccdm frame`: one frame end to end, headless. A test image (a phantom photo, gray) goes through a tiny ONNX
/// model in ORT, a GLSL compute shader (the sampler's Gaussian blur) runs over ORT's output on the Vulkan device, a
/// graphics pipeline draws it into an offscreen image, and the result is written as PNG beside the input.
/// </summary>
internal static class FrameVerb
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "PNG to write: input | network output after the GPU, side by side.", DefaultValueFactory = _ => "frame.png" };
        var model = new Option<string?>("--model") { Description = "Denoiser ONNX to run (default: the bundled tiny test fixture, which is not a trained model)." };
        var size = new Option<int>("--size") { Description = "Height of each panel in pixels.", DefaultValueFactory = _ => 256 };
        var seed = new Option<long>("--seed") { Description = "Phantom seed of the test image.", DefaultValueFactory = _ => 7 };
        var validation = new Option<bool>("--validation") { Description = "Enable the Vulkan validation layer; any validation message fails the run." };
        var command = new Command("frame",
            """
            Run one frame through every layer, headless: test image → ONNX Runtime → Vulkan compute → graphics
            pipeline → PNG. A smoke test of the installation; the fixture model is not a trained SCCDM.

            Example:
              sccdm frame --out frame.png
            """)
        {
            output, model, size, seed, validation,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(model), parse.GetValue(size), parse.GetValue(seed), parse.GetValue(validation)));
        return command;
    }

    private static int Run(string outPath, string? modelPath, int panel, long seed, bool validation)
    {
        if (panel is < 32 or > 4096)
        {
            return VerbErrors.Fail("frame", ExitCodes.Usage, $"--size must be in 32…4096, got {panel}");
        }
        AppConfig config = AppConfig.Load();
        if (config.OrtPath is { } ortPath)
        {
            OrtLibrary.ConfiguredPath = ortPath;
        }
        string path = modelPath ?? BundledPaths.FixtureDenoiser;

        using DenoiserModel denoiser = DenoiserModel.Open(path, new ModelOptions { IntraOpNumThreads = config.Threads });
        using var net = new OrtDenoiserNetwork(denoiser);
        int n = net.ImageSize;

        // The test image: a phantom photo, gray, resized to the model's input, in [-1, 1].
        PhantomSample sample = FootPhantom.Generate(seed, 128);
        var cond = new float[n * n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                int sx = x * 128 / n, sy = y * 128 / n, i = (sy * 128 + sx) * 3;
                cond[y * n + x] = CameraToCond.Gray(sample.Photo[i], sample.Photo[i + 1], sample.Photo[i + 2]);
            }
        }
        var noise = new float[n * n];
        GaussianNoise.Fill(noise, (ulong)seed);
        var result = new DenoiserOutput(net.OutputShape);
        net.Run(noise, cond, net.Schedule.T / 2, result);

        using GpuDevice device = GpuDevice.Create(new GpuDeviceOptions { EnableValidation = validation, ApplicationName = "sccdm frame" });
        byte[] left = OneFrame.Render(device, cond, n, n, panel, panel);
        byte[] right = OneFrame.Render(device, Normalize(result.Eps), n, n, panel, panel);
        if (validation && device.ValidationMessages.Count > 0)
        {
            return VerbErrors.Fail("frame", ExitCodes.Failure, "Vulkan validation reported:\n  " + string.Join("\n  ", device.ValidationMessages));
        }

        var image = new byte[panel * 2 * panel * 4];
        for (int y = 0; y < panel; y++)
        {
            left.AsSpan(y * panel * 4, panel * 4).CopyTo(image.AsSpan(y * panel * 8));
            right.AsSpan(y * panel * 4, panel * 4).CopyTo(image.AsSpan(y * panel * 8 + panel * 4));
        }
        PngCodec.Write(outPath, image, panel * 2, panel, PngPixelFormat.Rgba);
        System.Console.WriteLine($"frame: wrote {Path.GetFullPath(outPath)} ({panel * 2}x{panel}): test image | '{Path.GetFileName(path)}' eps after the GPU blur");
        System.Console.WriteLine($"frame: ONNX Runtime {OrtLibrary.Version} on {denoiser.ExecutionProvider.Provider} ({denoiser.ExecutionProvider.Reason}); Vulkan device {device.DeviceName}");
        return ExitCodes.Ok;
    }

    // ε is roughly N(0,1); map its range to [-1, 1] so the picture uses the whole gray scale.
    private static float[] Normalize(float[] values)
    {
        float min = values.Min(), max = values.Max();
        float scale = max > min ? 2f / (max - min) : 0f;
        return values.Select(v => (v - min) * scale - 1f).ToArray();
    }
}
