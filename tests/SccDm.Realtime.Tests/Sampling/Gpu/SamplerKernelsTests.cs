using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Sampling.Reference;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>Each sampler shader against its C# reference on fresh random inputs (the seed is in every failure message).</summary>
public sealed class SamplerKernelsTests
{
    private const float Tolerance = 1e-5f;

    // ᾱ at the fixture schedule's trailing timesteps (999, 749, 499, 249) and a mid value.
    public static TheoryData<int, int, int> Sizes => new() { { 32, 32, 0 }, { 37, 23, 1 }, { 128, 128, 2 }, { 1, 1, 3 }, { 130, 3, 4 } };

    private static double AlphaBar(int index)
    {
        var schedule = DiffusionSchedule.Create("linear", 1000, 1e-4, 0.02);
        int[] t = [999, 749, 499, 249, 100];
        return schedule.AlphaBar(t[index % t.Length]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void PredictX0RenoiseAndBlurMatchTheReference(int width, int height, int variant)
    {
        int seed = System.Random.Shared.Next();
        int n = width * height;
        double ab = AlphaBar(variant);
        float[] d = SeededValues.Uniform(n, seed), eps = SeededValues.Uniform(n, seed + 1, -3, 3);
        var x0 = new float[n]; var blurred = new float[n]; var scratch = new float[n]; var dTilde = new float[n];
        SamplerMath.PredictX0(d, eps, ab, x0);
        SccDm.Realtime.Gpu.Reference.GaussianBlurReference.Apply(x0, blurred, scratch, width, height);
        SamplerMath.Renoise(blurred, eps, ab, dTilde);

        var h = new KernelHarness();
        using (h)
        {
            var gd = h.Upload(d); var ge = h.Upload(eps);
            var gx0 = h.Output(n); var gBlurred = h.Output(n); var gTilde = h.Output(n);
            var blur = h.Own(SccDm.Realtime.Gpu.GaussianBlur.Create(h.Device, width, height));
            h.Run(r =>
            {
                h.Kernels.RecordPredictX0(r, gd, ge, ab, gx0, n);
                r.ComputeToCompute(gx0);
                blur.Record(r, gx0, gBlurred);
                r.ComputeToCompute(gBlurred);
                h.Kernels.RecordRenoise(r, gBlurred, ge, ab, gTilde, n);
            }, gx0, gTilde);
            string context = $"{width}×{height} ᾱ={ab} seed {seed}";
            KernelHarness.AssertClose(x0, gx0.AsSpan<float>(), Tolerance, "PredictX0 " + context);
            KernelHarness.AssertClose(dTilde, gTilde.AsSpan<float>(), Tolerance, "Renoise " + context);
        }
        h.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BlendSagAndDdimMatchTheReference(int width, int height, int variant)
    {
        int seed = System.Random.Shared.Next();
        int n = width * height;
        double ab = AlphaBar(variant), abPrev = variant % 2 == 0 ? 1.0 : AlphaBar(variant + 1);
        double sigma = variant % 3 == 1 ? SamplerMath.DdimSigma(0.7, ab, abPrev) : 0;
        float lambda = 0.25f + (variant * 0.15f);
        float[] d = SeededValues.Uniform(n, seed), dTilde = SeededValues.Uniform(n, seed + 1), eps = SeededValues.Uniform(n, seed + 2, -3, 3);
        float[] epsBar = SeededValues.Uniform(n, seed + 3, -3, 3), mask = SeededValues.Uniform(n, seed + 4, 0, 1), noise = SeededValues.Uniform(n, seed + 5, -3, 3);
        float[] gate = SeededValues.Uniform(n, seed + 6, 0, 1).Select(v => v > 0.5f ? 1f : 0f).ToArray();
        var dAttn = new float[n]; var dBar = new float[n]; var guided = new float[n]; var dPrev = new float[n]; var inPlace = (float[])d.Clone();
        SamplerMath.Blend(d, dTilde, mask, gate, lambda, dAttn);
        SamplerMath.SagInput(d, dTilde, gate, dBar);
        SamplerMath.SagCombine(eps, epsBar, 0.1f, guided);
        SamplerMath.DdimUpdate(dAttn, eps, ab, abPrev, sigma, noise, dPrev);
        SamplerMath.DdimUpdate(d, guided, ab, abPrev, sigma, noise, inPlace);

        var h = new KernelHarness();
        using (h)
        {
            var gd = h.Upload(d); var gTilde = h.Upload(dTilde); var ge = h.Upload(eps); var geBar = h.Upload(epsBar);
            var gMask = h.Upload(mask); var gGate = h.Upload(gate); var gNoise = h.Upload(noise);
            var gAttn = h.Output(n); var gBar = h.Output(n); var gGuided = h.Output(n); var gPrev = h.Output(n);
            h.Run(r =>
            {
                h.Kernels.RecordBlend(r, gd, gTilde, gMask, gGate, lambda, gAttn, n);
                h.Kernels.RecordSagInput(r, gd, gTilde, gGate, gBar, n);
                h.Kernels.RecordSagCombine(r, ge, geBar, 0.1f, gGuided, n);
                r.ComputeToCompute(gAttn);
                r.ComputeToCompute(gGuided);
                h.Kernels.RecordDdimUpdate(r, gAttn, ge, ab, abPrev, sigma, gNoise, gPrev, n);
                // In place, as the sampler updates the bound d_t: reads of gd above finish first.
                r.ComputeToCompute(gd);
                h.Kernels.RecordDdimUpdate(r, gd, gGuided, ab, abPrev, sigma, gNoise, gd, n);
            }, gAttn, gBar, gGuided, gPrev, gd);
            string context = $"{width}×{height} ᾱ={ab} ᾱprev={abPrev} σ={sigma} λ={lambda} seed {seed}";
            KernelHarness.AssertClose(dAttn, gAttn.AsSpan<float>(), Tolerance, "Blend " + context);
            KernelHarness.AssertClose(dBar, gBar.AsSpan<float>(), Tolerance, "SagInput " + context);
            KernelHarness.AssertClose(guided, gGuided.AsSpan<float>(), Tolerance, "SagCombine " + context);
            KernelHarness.AssertClose(dPrev, gPrev.AsSpan<float>(), Tolerance, "DdimUpdate " + context);
            KernelHarness.AssertClose(inPlace, gd.AsSpan<float>(), Tolerance, "DdimUpdate in place " + context);
        }
        h.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WarmStartAndComposeMatchTheReference(int width, int height, int variant)
    {
        int seed = System.Random.Shared.Next();
        int n = width * height;
        double ab = AlphaBar(variant + 1);
        float[] prev = SeededValues.Uniform(n, seed, -2, 2), z = SeededValues.Uniform(n, seed + 1, -3, 3), cond = SeededValues.Uniform(n, seed + 2);
        var dT = new float[n]; var image = new float[n];
        SamplerMath.WarmStart(prev, z, ab, dT);
        SamplerMath.Compose(prev, cond, image);

        var h = new KernelHarness();
        using (h)
        {
            var gPrev = h.Upload(prev); var gz = h.Upload(z); var gc = h.Upload(cond);
            var gImage = h.Output(n);
            h.Run(r =>
            {
                h.Kernels.RecordCompose(r, gPrev, gc, gImage, n);
                r.ComputeToCompute(gPrev);
                h.Kernels.RecordWarmStart(r, gPrev, gz, ab, gPrev, n); // in place, as the sampler does
            }, gImage, gPrev);
            string context = $"{width}×{height} ᾱ={ab} seed {seed}";
            KernelHarness.AssertClose(image, gImage.AsSpan<float>(), Tolerance, "Compose " + context);
            KernelHarness.AssertClose(dT, gPrev.AsSpan<float>(), Tolerance, "WarmStart " + context);
        }
        h.AssertClean();
    }

    [Theory]
    [InlineData(32, 32, 8, 8, 1.0f, true)]
    [InlineData(37, 23, 5, 3, 1.0f, true)]
    [InlineData(128, 128, 16, 16, 0.5f, true)]
    [InlineData(30, 20, 4, 4, 1.0f, false)]
    public void AttentionGateMatchesTheReference(int width, int height, int aw, int ah, float psi, bool enabled)
    {
        int seed = System.Random.Shared.Next();
        float[] attn = SeededValues.Uniform(aw * ah, seed, 0, 2);
        var gate = new float[width * height];
        if (enabled)
        {
            SamplerMath.AttentionGate(attn, aw, ah, psi, gate, width, height);
        }

        var h = new KernelHarness();
        using (h)
        {
            var ga = h.Upload(attn);
            var gg = h.Output(width * height);
            h.Run(r => h.Kernels.RecordAttentionGate(r, ga, aw, ah, psi, enabled, gg, width, height), gg);
            KernelHarness.AssertClose(gate, gg.AsSpan<float>(), 0, $"AttentionGate {width}×{height} from {aw}×{ah} ψ={psi} seed {seed}");
        }
        h.AssertClean();
    }

    [Theory]
    [InlineData(32, 32, new[] { 4, 4, 8, 8, 16, 16, 32, 32 })]
    [InlineData(37, 23, new[] { 5, 3, 10, 7, 19, 12 })]
    [InlineData(128, 128, new[] { 16, 16, 32, 32, 64, 64, 128, 128 })]
    [InlineData(17, 40, new[] { 1, 1, 3, 50 })]
    public void FuseMultiScaleMatchesTheReference(int width, int height, int[] sizes)
    {
        int seed = System.Random.Shared.Next();
        var levels = new List<(int, int)>();
        var maps = new List<FeatureMap>();
        var values = new List<float[]>();
        for (int i = 0; i < sizes.Length; i += 2)
        {
            (int w, int hgt) = (sizes[i], sizes[i + 1]);
            float[] v = SeededValues.Uniform(w * hgt, seed + i, 0, 3 + i);
            levels.Add((w, hgt));
            values.Add(v);
            maps.Add(new FeatureMap(v, w, hgt));
        }
        var mask = new float[width * height];
        SamplerMath.FuseMultiScale(maps, mask, width, height);

        var h = new KernelHarness();
        using (h)
        {
            var stack = h.Own(FeatureStack.Create(h.Device, levels, width, height));
            for (int l = 0; l < values.Count; l++)
            {
                values[l].CopyTo(stack.Level(l));
            }
            var gm = h.Output(width * height);
            h.Run(r => h.Kernels.RecordFuseMultiScale(r, stack, gm), gm);
            KernelHarness.AssertClose(mask, gm.AsSpan<float>(), Tolerance, $"FuseMultiScale {width}×{height} levels [{string.Join(',', sizes)}] seed {seed}");
        }
        h.AssertClean();
    }

    [Theory]
    [InlineData(640, 480, 128)]
    [InlineData(480, 640, 32)]
    [InlineData(33, 17, 32)]
    [InlineData(100, 100, 37)]
    [InlineData(7, 1000, 64)]
    public void CameraToCondMatchesTheReference(int frameWidth, int frameHeight, int size)
    {
        int seed = System.Random.Shared.Next();
        var rgba = new byte[frameWidth * frameHeight * 4];
        new Random(seed).NextBytes(rgba);
        var cond = new float[size * size];
        CameraToCond.Apply(rgba, frameWidth, frameHeight, cond, size);

        var h = new KernelHarness();
        using (h)
        {
            var frame = h.Own(SccDm.Realtime.Gpu.GpuBuffer.Create(h.Device, rgba.Length));
            rgba.CopyTo(frame.AsSpan<byte>());
            var gc = h.Output(size * size);
            var layout = LetterboxLayout.For(frameWidth, frameHeight, size);
            h.Run(r => h.Kernels.RecordCameraToCond(r, frame, gc, layout), gc);
            KernelHarness.AssertClose(cond, gc.AsSpan<float>(), Tolerance, $"CameraToCond {frameWidth}×{frameHeight} → {size} seed {seed}");
        }
        h.AssertClean();
    }
}
