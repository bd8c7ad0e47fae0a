using System.Globalization;
using System.Text.RegularExpressions;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Tests.Gpu;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>
/// The C sample host (chost/sccdm_host.c): compiled with gcc against libsccdm_realtime.so, it creates its own Vulkan
/// device on lavapipe with the validation layer, pushes the phantom frames this test writes as raw RGBA, and writes
/// each returned image to a PNG. Its images must match the C# host's for the same frames and seed, and its bad calls
/// must return statuses (it exits non-zero when any check or the validation layer complained).
/// </summary>
public unsafe partial class CHostTests
{
    private const int FrameCount = 3;

    [Fact]
    public void TheCHostsImagesMatchTheCSharpHostsAndItsBadCallsReturnStatuses()
    {
        string library = NativeLibraryBuild.RequireLibrary();
        string work = Path.Combine(HostArtifacts.Directory, "chost");
        Directory.CreateDirectory(work);
        CameraFrame[] frames = PhantomFrames.Render(FrameCount);
        for (int i = 0; i < frames.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(work, $"frame_{i}.rgba"), frames[i].Pixels);
        }

        string host = Path.Combine(work, "sccdm_host");
        string libraryDirectory = Path.GetDirectoryName(library)!;
        var (gccExit, gccOutput) = NativeLibraryBuild.Run("gcc",
        [
            "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", NativeLibraryBuild.IncludeDirectory,
            Path.Combine(SccDm.Realtime.Tests.RepoPaths.Root, "tests", "SccDm.Realtime.Hosting.Tests", "chost", "sccdm_host.c"),
            "-o", host, "-L", libraryDirectory, "-lsccdm_realtime", $"-Wl,-rpath,{libraryDirectory}", "-lvulkan", "-lpng", "-lpthread",
        ], TimeSpan.FromMinutes(2));
        Assert.True(gccExit == 0, $"gcc failed (install gcc libpng-dev libvulkan-dev: .ci/setup):\n{gccOutput}");

        string prefix = Path.Combine(work, "result");
        var (exit, output) = NativeLibraryBuild.Run(host,
        [
            Models.Denoiser, Models.Keypoints, work, FrameCount.ToString(CultureInfo.InvariantCulture),
            PhantomFrames.Width.ToString(CultureInfo.InvariantCulture), PhantomFrames.Height.ToString(CultureInfo.InvariantCulture), prefix,
        ], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"the C host exited {exit}:\n{output}");
        Assert.Contains("checks failed: 0, validation messages: 0", output);
        Assert.Contains(
            $"sizes create_options={sizeof(Interop.NativeCreateOptions)} result={sizeof(Interop.NativeResult)} measurements={sizeof(Interop.NativeMeasurements)} " +
            $"sampler={sizeof(Interop.NativeSamplerOptions)} vulkan={sizeof(Interop.NativeVulkan)} counts={sizeof(Interop.NativeSynthesisCounts)}", output);
        Assert.Contains("queue family 99 does not exist", output);
        Assert.Contains("does not point at a live Vulkan object", output);
        Assert.Contains("was destroyed", output);
        Assert.Matches(@"counts new=\d+ moderate=\d+ unchanged=\d+ cold=[1-9]\d* warm=\d+ reused=\d+", output);
        Assert.Contains("every call on the NULL handle: refused", output);
        Assert.Contains("every call on a made-up handle: refused", output);
        Assert.Contains("every call on a destroyed renderer: refused", output);
        Assert.Matches(@"push from another thread: push called from thread \d+, but the renderer's producer is thread \d+", output);

        // The C# host: its own device, the same frames and settings (seed, 4 steps, no reuse, no warm start).
        using var engine = new HostEngine();
        using (var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.Denoiser,
            KeypointModelPath = Models.Keypoints,
            Vulkan = engine.Handles,
            IntraOpThreads = 2,
            Sampler = new RendererSamplerSettings { Steps = 4, SimilarityThreshold = 0, WarmStart = false },
        }))
        {
            var lines = FrameLine().Matches(output);
            Assert.Equal(FrameCount, lines.Count);
            for (int i = 0; i < FrameCount; i++)
            {
                renderer.PushFrame(frames[i].Pixels, PhantomFrames.Width, PhantomFrames.Height);
                Assert.True(renderer.TryAcquire(TimeSpan.FromMinutes(2), out var result));
                byte[] expected = engine.ReadResult(result!, renderer.QueueLock);
                PngImage fromC = PngCodec.Read($"{prefix}_{i}.png", PngPixelFormat.Rgba);
                Assert.Equal((result!.Width, result.Height), (fromC.Width, fromC.Height));
                (int max, double mean) = Difference(expected, fromC.Pixels);
                Assert.True(max <= 3 && mean <= 0.25, $"frame {i}: the C host's image differs from the C# host's by up to {max} gray levels (mean {mean:F3})");

                Match line = lines[i];
                Assert.Equal(i, int.Parse(line.Groups["id"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(result.NetworkCalls, int.Parse(line.Groups["calls"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(result.Kcc, float.Parse(line.Groups["kcc"].Value, CultureInfo.InvariantCulture), 0.02f);
                renderer.Release(result);
            }
        }

        engine.Dispose();
        ValidatedDevice.AssertNoValidationMessages(engine.Device);
    }

    private static (int Max, double Mean) Difference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - b[i]);
            max = Math.Max(max, d);
            sum += d;
        }

        return (max, (double)sum / a.Length);
    }

    [GeneratedRegex(@"^frame \d+ id=(?<id>\d+) calls=(?<calls>\d+) kcc=(?<kcc>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex FrameLine();
}
