using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Hosting;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Tests;

// The synthesizer alone (VulkanFrameSynthesizer.Synthesize on a 640×480 phantom frame), and
// the same frame through the embedding API (PushFrame → TryAcquire → wait on the result's fence). Every frame is
// sampled cold (no reuse, no warm start), shipped models, 2 ORT threads, lavapipe. Prints percentiles in ms.
int frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
const int warmup = 3;
bool tiny = args.Length > 1 && args[1] == "tiny"; // the 32² test fixtures: the API's own cost, nearly without the model's
string denoiserPath = tiny ? RepoPaths.Fixture("tiny_denoiser.onnx") : Path.Combine(RepoPaths.Root, "models", "sccdm_kiosk.onnx");
string keypointPath = tiny ? RepoPaths.Fixture("tiny_keypoints.onnx") : Path.Combine(RepoPaths.Root, "models", "foot_keypoints.onnx");
var modelOptions = new ModelOptions { IntraOpNumThreads = 2, IntraOpSpinning = false }; // as the renderer

using var camera = new PhantomCamera(new PhantomCameraOptions { Paced = false, Seed = 3 });
var frame = new CameraFrame(camera.Info.Width, camera.Info.Height);

using var host = GpuDevice.Create(new GpuDeviceOptions { ApplicationName = "bench host" });
using var denoiser = DenoiserModel.Open(denoiserPath, modelOptions);
using var keypoints = KeypointModel.Open(keypointPath, modelOptions);
using var direct = new VulkanFrameSynthesizer(host, denoiser, keypoints);
var result = new SynthesisResult(direct.Info.ImageSize);
var options = new SamplerOptions();

using var renderer = XrayRenderer.Create(new XrayRendererOptions
{
    DenoiserModelPath = denoiserPath,
    KeypointModelPath = keypointPath,
    Vulkan = new GpuExternalHandles(host.Instance.Handle, host.PhysicalDevice.Handle, host.Device.Handle, host.ComputeQueueFamilyIndex, 0),
    IntraOpThreads = 2,
    Sampler = new RendererSamplerSettings { SimilarityThreshold = 0, WarmStart = false },
});

var directMs = new List<double>();
var apiMs = new List<double>();
var apiInsideMs = new List<double>();
var pushMs = new List<double>();

// Blocks, not alternating frames: an ORT session's worker threads keep spinning for a while after a run, which would
// slow whichever path runs right after the other. Direct, API, direct again (the two direct blocks show the drift of
// a shared machine).
void Direct(List<double> into)
{
    for (int i = 0; i < warmup + frames; i++)
    {
        camera.RenderFrame(30 + (i * 7), frame);
        long t0 = Stopwatch.GetTimestamp();
        direct.Synthesize(frame, options, result);
        long t1 = Stopwatch.GetTimestamp();
        if (i >= warmup)
        {
            into.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
        }
    }
}

void Api()
{
    for (int i = 0; i < warmup + frames; i++)
    {
        camera.RenderFrame(30 + (i * 7), frame);
        long t1 = Stopwatch.GetTimestamp();
        renderer.PushFrame(frame.Pixels, frame.Width, frame.Height);
        long pushed = Stopwatch.GetTimestamp();
        if (!renderer.TryAcquire(TimeSpan.FromMinutes(1), out var acquired))
        {
            throw new TimeoutException("no result within a minute");
        }

        unsafe
        {
            var fence = new Fence(acquired!.Fence);
            host.Vk.WaitForFences(host.Device, 1, &fence, true, ulong.MaxValue).Check("vkWaitForFences");
        }

        long t2 = Stopwatch.GetTimestamp();
        double inside = (acquired.CompletedTimestamp - acquired.PushTimestamp) * 1000.0 / Stopwatch.Frequency;
        renderer.Release(acquired);
        if (i >= warmup)
        {
            apiMs.Add((t2 - t1) * 1000.0 / Stopwatch.Frequency);
            apiInsideMs.Add(inside);
            pushMs.Add((pushed - t1) * 1000.0 / Stopwatch.Frequency);
        }
    }
}

var directAgainMs = new List<double>();
Direct(directMs);
Api();
Direct(directAgainMs);

static string Stats(List<double> v)
{
    var s = v.Order().ToArray();
    double P(double q) => s[(int)Math.Round(q * (s.Length - 1))];
    return string.Create(CultureInfo.InvariantCulture, $"median {P(0.5),7:F1}  p90 {P(0.9),7:F1}  mean {v.Average(),7:F1}");
}

Console.WriteLine($"{frames} frames {frame.Width}x{frame.Height} → {direct.Info.ImageSize}² X-ray ({direct.Info.ModelName}), {direct.Info.Device}, ORT {direct.Info.ExecutionProvider} 2 threads, 4 steps cold");
Console.WriteLine($"synthesizer alone (Synthesize), before   ms: {Stats(directMs)}");
Console.WriteLine($"synthesizer alone (Synthesize), after    ms: {Stats(directAgainMs)}");
Console.WriteLine($"API push → acquire → fence signalled     ms: {Stats(apiMs)}");
Console.WriteLine($"API push → result complete (worker side) ms: {Stats(apiInsideMs)}");
Console.WriteLine($"API PushFrame call (copy + hand-over)    ms: {Stats(pushMs)}");
var both = directMs.Concat(directAgainMs).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"API overhead: median {apiMs.Order().ElementAt(apiMs.Count / 2) - both[both.Length / 2]:F1} ms over the synthesizer's median"));
