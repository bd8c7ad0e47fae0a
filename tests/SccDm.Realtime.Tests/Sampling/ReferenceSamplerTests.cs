using SccDm.Realtime.Gpu.Reference;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

public class ReferenceSamplerTests
{
    private const int Size = 16;

    private static (float[] Target, float[] Cond) Scene()
    {
        var target = new float[Size * Size];
        var cond = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                target[y * Size + x] = MathF.Sin(x * 0.4f) * 0.5f + (y > 8 ? 0.3f : -0.2f);
                cond[y * Size + x] = (x + y) / (float)Size - 1f;
            }
        }
        return (target, cond);
    }

    [Fact]
    public void EtaZeroIsBitDeterministicAcrossRuns()
    {
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var d0a = new float[Size * Size]; var xa = new float[Size * Size];
        var d0b = new float[Size * Size]; var xb = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Steps = 4 }, d0a, xa);
        sampler.Sample(cond, new SamplerOptions { Steps = 4 }, d0b, xb);
        Assert.Equal(d0a, d0b);
        Assert.Equal(xa, xb);
        Assert.Equal(4, sampler.NetworkCalls);
    }

    [Fact]
    public void WithoutRefinementAnOracleNetworkLandsExactlyOnItsTarget()
    {
        // The oracle's ε always points at d₀*; with gating off and λ = 0 the step is plain DDIM, exact.
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var d0 = new float[Size * Size]; var x = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Steps = 4, Gating = false, Lambda = 0 }, d0, x);
        for (int i = 0; i < d0.Length; i++)
        {
            Assert.Equal(target[i], d0[i], 4);
            Assert.Equal(Math.Clamp(target[i] + cond[i], -1f, 1f), x[i], 4);
        }
    }

    [Theory]
    [InlineData(SamplerVariant.Paper, 4, 1.0f)]
    [InlineData(SamplerVariant.Sag, 8, 0.1f)]
    public void RefinementPullsTheOracleResultTowardsTheBlurredTarget(SamplerVariant variant, int calls, float reach)
    {
        // With the oracle, the last step gives d₀ = d₀* + w·(blur(d₀*) − d₀*), w ∈ [0, reach]:
        // paper: w = G + (1−G)·λM ≤ 1; SAG: w = s·G ≤ 0.1. So every pixel lies in that band.
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var d0 = new float[Size * Size]; var x = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Steps = 4, Variant = variant }, d0, x);
        Assert.Equal(calls, sampler.NetworkCalls);
        AssertInBand(target, d0, reach);
    }

    private static void AssertInBand(float[] target, float[] d0, float reach)
    {
        var blurred = new float[target.Length];
        GaussianBlurForTests(target, blurred);
        bool moved = false;
        for (int i = 0; i < d0.Length; i++)
        {
            float far = target[i] + reach * (blurred[i] - target[i]);
            float lo = Math.Min(target[i], far) - 1e-4f, hi = Math.Max(target[i], far) + 1e-4f;
            Assert.InRange(d0[i], lo, hi);
            moved |= Math.Abs(d0[i] - target[i]) > 1e-3f;
        }
        Assert.True(moved, "refinement had no effect at all");
    }

    private static void GaussianBlurForTests(float[] src, float[] dst) => GaussianBlurReference.Apply(src, dst, Size, Size);

    [Fact]
    public void WarmStartSkipsTheFirstSteps()
    {
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var d0 = new float[Size * Size]; var x = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Steps = 4 }, d0, x);
        var d0Warm = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Steps = 4, WarmStartIndex = 2 }, d0Warm, x, d0);
        Assert.Equal(2, sampler.NetworkCalls);
        AssertInBand(target, d0Warm, 1.0f);
    }

    [Fact]
    public void EtaAboveZeroAddsSeededNoise()
    {
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var a = new float[Size * Size]; var b = new float[Size * Size]; var x = new float[Size * Size];
        sampler.Sample(cond, new SamplerOptions { Eta = 1, Steps = 8 }, a, x);
        sampler.Sample(cond, new SamplerOptions { Eta = 1, Steps = 8 }, b, x);
        Assert.Equal(a, b);
        sampler.Sample(cond, new SamplerOptions { Eta = 1, Steps = 8, Seed = 7 }, b, x);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ReferenceModeMakesTwoThousandNetworkCalls()
    {
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var x = new float[Size * Size];
        int last = 0;
        sampler.SampleReference(cond, x, 1, progress: new SyncProgress(v => last = v));
        Assert.Equal(2000, sampler.NetworkCalls);
        Assert.Equal(1000, last);
        // At t = 0 the posterior mean is d̂₀(ε̃) itself: the SAG band again.
        // x = clamp(d₀ + c): compare where the clamp did not bite.
        var d0 = new float[x.Length];
        var expected = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            bool clamped = Math.Abs(x[i]) > 0.999f;
            d0[i] = clamped ? target[i] : x[i] - cond[i];
            expected[i] = target[i];
        }
        AssertInBand(expected, d0, 0.1f);
    }

    [Fact]
    public void BadOptionsNameTheSetting()
    {
        (float[] target, float[] cond) = Scene();
        var sampler = new ReferenceSampler(new AnalyticDenoiser(Size, target));
        var buf = new float[Size * Size];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(cond, new SamplerOptions { Steps = 0 }, buf, buf));
        Assert.Contains("Steps", e.Message);
        foreach (float psi in new[] { -0.5f, float.NaN })
        {
            e = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(cond, new SamplerOptions { Psi = psi }, buf, buf));
            Assert.Contains("Psi", e.Message);
        }
        sampler.Sample(cond, new SamplerOptions { Psi = 0f }, buf, buf); // ψ = 0 gates every token: allowed
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
