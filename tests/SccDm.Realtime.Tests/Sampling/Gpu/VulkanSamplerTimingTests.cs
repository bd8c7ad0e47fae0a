using System.Diagnostics;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using Xunit.Abstractions;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>
/// Per-frame time of the Vulkan path next to the C# reference path, same model, same inputs, same run: total,
/// network share, shader share. Reports only (this machine is shared; times are not asserted). Models: the
/// fixture, models/sccdm_kiosk.onnx when it exists, and any paths in SCCDM_BENCH_MODELS (separated by ':').
/// Validation is off here: the layer's CPU cost would swamp the shaders' time.
/// </summary>
public sealed class VulkanSamplerTimingTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Timing")]
    public void ReportsVulkanAndReferenceTimesSideBySide()
    {
        var models = new List<string> { RepoPaths.Fixture("tiny_denoiser.onnx") };
        string kiosk = Path.Combine(RepoPaths.Root, "models", "sccdm_kiosk.onnx");
        if (File.Exists(kiosk))
        {
            models.Add(kiosk);
        }
        if (Environment.GetEnvironmentVariable("SCCDM_BENCH_MODELS") is { Length: > 0 } extra)
        {
            models.AddRange(extra.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(File.Exists));
        }

        using GpuDevice device = GpuDevice.Create(new GpuDeviceOptions { ApplicationName = "SccDm.Realtime.Tests timing" });
        output.WriteLine($"device: {device.DeviceName}{(device.IsSoftware ? " (CPU implementation: shader times are not a GPU's)" : "")}; {Environment.ProcessorCount} cores");
        output.WriteLine("model                          size variant  path       total ms   net ms (share)   shaders ms (share) [GPU ts ms]   max|Δx| (last frame)");
        foreach (string path in models)
        {
            using DenoiserModel model = DenoiserModel.Open(path);
            int frames = model.Metadata.ImageSize <= 32 ? 20 : 5;
            foreach (SamplerVariant variant in new[] { SamplerVariant.Paper, SamplerVariant.Sag })
            {
                Measure(device, model, Path.GetFileName(path), variant, frames);
            }
        }
    }

    private void Measure(GpuDevice device, DenoiserModel model, string name, SamplerVariant variant, int frames)
    {
        using var ort = new OrtDenoiserNetwork(model);
        var timed = new TimedDenoiserNetwork(ort);
        var reference = new ReferenceSampler(timed);
        using var sampler = new VulkanSampler(device, model, new FrameProfiler());
        int n = sampler.ImageSize * sampler.ImageSize;
        float[] cond = KernelHarness.Random(n, 42);
        var d0 = new float[n];
        var image = new float[n];
        var options = new SamplerOptions { Variant = variant };

        // Warm-up both (JIT, ORT's first runs, descriptor sets), then alternate frames so both see the same load.
        for (int i = 0; i < 2; i++)
        {
            reference.Sample(cond, options, d0, image);
            sampler.Sample(cond, options);
        }
        double refTotal = 0, refNet = 0, vkTotal = 0, vkNet = 0, vkShader = 0, vkGpu = 0;
        for (int i = 0; i < frames; i++)
        {
            timed.Ticks = 0;
            long start = Stopwatch.GetTimestamp();
            reference.Sample(cond, options, d0, image);
            refTotal += FrameProfiler.TicksToMs(Stopwatch.GetTimestamp() - start);
            refNet += FrameProfiler.TicksToMs(timed.Ticks);

            sampler.Sample(cond, options);
            SamplerFrameTimings t = sampler.LastFrame;
            vkTotal += t.TotalMs;
            vkNet += t.NetworkMs;
            vkShader += t.ShaderWallMs;
            vkGpu += t.ShaderGpuMs;
        }
        float maxDiff = MaxAbs(image, sampler.Image);
        string size = $"{sampler.ImageSize}";
        string label = $"{name,-30} {size,4} {variant,-7}";
        output.WriteLine($"{label}  reference  {refTotal / frames,8:F2}   {refNet / frames,7:F2} ({refNet / refTotal,4:P0})   {(refTotal - refNet) / frames,7:F2} ({(refTotal - refNet) / refTotal,4:P0})  (C#)");
        output.WriteLine($"{label}  vulkan     {vkTotal / frames,8:F2}   {vkNet / frames,7:F2} ({vkNet / vkTotal,4:P0})   {vkShader / frames,7:F2} ({vkShader / vkTotal,4:P0}) [{vkGpu / frames:F2}]   {maxDiff:E1}");
    }

    private static float MaxAbs(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }
        return max;
    }
}
