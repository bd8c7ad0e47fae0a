using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Sampling.Reference;
using SccDm.Realtime.Tests.Gpu;
using Xunit.Abstractions;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>
/// The Vulkan sampler with the real ORT fixture network (tests/fixtures/tiny_denoiser.onnx, 32×32) against
/// <see cref="ReferenceSampler"/> over <see cref="OrtDenoiserNetwork"/>, under the validation layer.
/// </summary>
public sealed class VulkanSamplerTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    private static DenoiserModel OpenFixture() => DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));

    private static float[] RandomCond(int n, int seed) => SeededValues.Uniform(n, seed);

    public static TheoryData<string> Variants => new() { "paper", "sag", "paper-warm", "sag-warm", "paper-eta", "paper-nogate-lambda" };

    private static SamplerOptions OptionsFor(string variant) => variant switch
    {
        "paper" => new SamplerOptions { Steps = 4 },
        "sag" => new SamplerOptions { Steps = 4, Variant = SamplerVariant.Sag },
        "paper-warm" => new SamplerOptions { Steps = 4, WarmStartIndex = 2 },
        "sag-warm" => new SamplerOptions { Steps = 4, Variant = SamplerVariant.Sag, WarmStartIndex = 1 },
        "paper-eta" => new SamplerOptions { Eta = 0.8, Steps = 6, Seed = 11 },
        "paper-nogate-lambda" => new SamplerOptions { Steps = 4, Gating = false, Lambda = 0.4f, Psi = 0.9f },
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void MatchesTheReferenceSamplerWithTheFixtureNetwork(string variant)
    {
        int seed = Random.Shared.Next();
        SamplerOptions options = OptionsFor(variant);
        using DenoiserModel model = OpenFixture();
        using var network = new OrtDenoiserNetwork(model);
        int n = network.ImageSize * network.ImageSize;
        float[] cond = RandomCond(n, seed);
        float[] previous = SeededValues.Uniform(n, seed + 1, -0.5f, 0.5f);
        ReadOnlySpan<float> prev = options.WarmStartIndex is null ? default : previous;
        var reference = new ReferenceSampler(network);
        var d0 = new float[n];
        var image = new float[n];
        reference.Sample(cond, options, d0, image, prev);

        var device = ValidatedDevice.Create();
        using (device)
        {
            using var sampler = new VulkanSampler(device, model);
            sampler.Sample(cond, options, prev);
            Assert.Equal(reference.NetworkCalls, sampler.NetworkCalls);
            string context = $"{variant} seed {seed}";
            KernelHarness.AssertClose(d0, sampler.D0, Tolerance, "d₀ " + context);
            KernelHarness.AssertClose(image, sampler.Image, Tolerance, "image " + context);
            output.WriteLine($"{context}: max |Δd₀| = {MaxAbs(d0, sampler.D0):E2} (|d₀| up to {d0.Max(MathF.Abs):F2}), max |Δx| = {MaxAbs(image, sampler.Image):E2}");
        }
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Theory]
    [InlineData(SamplerVariant.Paper)]
    [InlineData(SamplerVariant.Sag)]
    public void EtaZeroIsBitDeterministicAcrossRuns(SamplerVariant variant)
    {
        int seed = Random.Shared.Next();
        using DenoiserModel model = OpenFixture();
        var device = ValidatedDevice.Create();
        using (device)
        {
            using var sampler = new VulkanSampler(device, model);
            float[] cond = RandomCond(sampler.ImageSize * sampler.ImageSize, seed);
            var options = new SamplerOptions { Steps = 4, Variant = variant };
            sampler.Sample(cond, options);
            float[] d0 = sampler.D0.ToArray();
            float[] image = sampler.Image.ToArray();
            sampler.Sample(cond, options);
            Assert.True(d0.AsSpan().SequenceEqual(sampler.D0), $"d₀ differs between runs (seed {seed})");
            Assert.True(image.AsSpan().SequenceEqual(sampler.Image), $"image differs between runs (seed {seed})");
        }
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void TheNetworksTensorsAreTheMappedVulkanBuffers()
    {
        using DenoiserModel model = OpenFixture();
        var device = ValidatedDevice.Create();
        using (device)
        {
            using var sampler = new VulkanSampler(device, model);
            Assert.Equal(TensorResidency.HostMappedZeroCopy, sampler.Residency);
            var names = sampler.ZeroCopyBindings.Where(b => b.Binding == "main").Select(b => b.TensorName).ToHashSet();
            Assert.Superset(new HashSet<string> { "d_t", "cond", "t", "eps", "attn" }.Union(model.FeatureOutputNames).ToHashSet(), names);
            foreach (ZeroCopyBinding b in sampler.ZeroCopyBindings)
            {
                Assert.Equal(b.Buffer.MappedPointer + (nint)b.ByteOffset, b.Value.GetTensorDataPointer());
            }
            Assert.Equal(sampler.D0Buffer.MappedPointer, sampler.ZeroCopyBindings.Single(b => b.Binding == "main" && b.TensorName == "d_t").Value.GetTensorDataPointer());
            Assert.Equal(sampler.CondBuffer.MappedPointer, sampler.ZeroCopyBindings.Single(b => b.Binding == "main" && b.TensorName == "cond").Value.GetTensorDataPointer());

            // And ORT really writes there: a run leaves ε in the buffer the shaders read.
            var cond = RandomCond(sampler.ImageSize * sampler.ImageSize, 3);
            sampler.Sample(cond, new SamplerOptions { Steps = 1 });
            ZeroCopyBinding eps = sampler.ZeroCopyBindings.Single(b => b.Binding == "main" && b.TensorName == "eps");
            Assert.Contains(eps.Buffer.AsSpan<float>().ToArray(), v => v != 0);
        }
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Theory]
    [InlineData(SamplerVariant.Paper, false)]
    [InlineData(SamplerVariant.Sag, false)]
    [InlineData(SamplerVariant.Paper, true)]
    public void SteadyStateFramesAllocateNothing(SamplerVariant variant, bool camera)
    {
        using DenoiserModel model = OpenFixture();
        var device = ValidatedDevice.Create();
        using (device)
        {
            var profiler = new FrameProfiler();
            using var sampler = new VulkanSampler(device, model, profiler);
            float[] cond = RandomCond(sampler.ImageSize * sampler.ImageSize, 5);
            var frame = new CameraFrame(64, 48);
            new Random(5).NextBytes(frame.Pixels);
            var options = new SamplerOptions { Steps = 4, Variant = variant, WarmStartIndex = camera ? 2 : null };

            void Frame()
            {
                if (camera)
                {
                    frame.Sequence++;
                    sampler.Sample(frame, options);
                }
                else
                {
                    sampler.Sample(cond, options);
                }
            }

            Frame(); // warm-up: descriptor sets, JIT, timesteps
            Frame();
            Assert.Equal(0, Allocations.SteadyStateBytes(Frame, 20));
            Assert.Equal(["net", "shaders", "upload"], profiler.StageNames.Order());
        }
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Theory]
    [InlineData(FrameFit.Letterbox)]
    [InlineData(FrameFit.CenterCrop)]
    public void TheCameraPathMatchesTheReferenceForEitherFit(FrameFit fit)
    {
        int seed = Random.Shared.Next();
        using DenoiserModel model = OpenFixture();
        using var network = new OrtDenoiserNetwork(model);
        int size = network.ImageSize, n = size * size;
        var frame = new CameraFrame(80, 60);
        new Random(seed).NextBytes(frame.Pixels);
        var cond = new float[n];
        CameraToCond.Apply(frame.Pixels, frame.Width, frame.Height, cond, size, fit);
        var reference = new ReferenceSampler(network);
        var d0 = new float[n];
        var image = new float[n];
        var options = new SamplerOptions { Steps = 4, FrameFit = fit };
        reference.Sample(cond, options, d0, image);
        var warmD0 = new float[n];
        var warmImage = new float[n];
        var warmOptions = new SamplerOptions { Steps = 4, WarmStartIndex = 2, FrameFit = fit };
        reference.Sample(cond, warmOptions, warmD0, warmImage, d0);

        var device = ValidatedDevice.Create();
        using (device)
        {
            using var sampler = new VulkanSampler(device, model);
            // First frame: no previous result, so the warm-start option still starts from noise.
            sampler.Sample(frame, warmOptions);
            Assert.Equal(4, sampler.NetworkCalls);
            KernelHarness.AssertClose(cond, sampler.Cond, 1e-5f, $"cond seed {seed}");
            KernelHarness.AssertClose(d0, sampler.D0, Tolerance, $"d₀ seed {seed}");
            KernelHarness.AssertClose(image, sampler.Image, Tolerance, $"image seed {seed}");
            // Second frame: warm start from the d₀ still on the device.
            sampler.Sample(frame, warmOptions);
            Assert.Equal(2, sampler.NetworkCalls);
            KernelHarness.AssertClose(warmD0, sampler.D0, Tolerance, $"warm d₀ seed {seed}");
            KernelHarness.AssertClose(warmImage, sampler.Image, Tolerance, $"warm image seed {seed}");
            // Letterbox: the bands of the 4:3 frame are black in the condition the network saw; centre crop: no bands.
            float[] firstRows = sampler.Cond[..(4 * size)].ToArray();
            if (fit == FrameFit.Letterbox)
            {
                Assert.All(firstRows, v => Assert.Equal(-1f, v));
            }
            else
            {
                Assert.Contains(firstRows, v => v != -1f);
            }
        }
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void LastFrameTimingsAddUp()
    {
        using DenoiserModel model = OpenFixture();
        var device = ValidatedDevice.Create();
        using (device)
        {
            using var sampler = new VulkanSampler(device, model);
            sampler.Sample(RandomCond(sampler.ImageSize * sampler.ImageSize, 1), new SamplerOptions { Steps = 4, Variant = SamplerVariant.Sag });
            SamplerFrameTimings t = sampler.LastFrame;
            Assert.Equal(8, t.NetworkCalls);
            Assert.Equal(1 + 4 * 2, t.Submits); // prologue + two per SAG step
            Assert.True(t.NetworkMs > 0 && t.ShaderWallMs > 0);
            Assert.True(t.NetworkMs + t.ShaderWallMs <= t.TotalMs + 1e-3);
        }
        ValidatedDevice.AssertNoValidationMessages(device);
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
