using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

public class SamplerMathTests
{
    [Fact]
    public void FuseMultiScaleNormalisesEachLevelAndAverages()
    {
        // Level 0: a 2×2 ramp upsampled to 4×4; level 1: a constant map, which contributes nothing.
        float[] ramp = [0, 1, 2, 3];
        float[] flat = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
        var mask = new float[16];
        SamplerMath.FuseMultiScale([new FeatureMap(ramp, 2, 2), new FeatureMap(flat, 4, 4)], mask, 4, 4);
        Assert.Equal(0f, mask[0], 6);          // the minimum corner
        Assert.Equal(0.5f, mask[15], 6);       // the maximum corner, averaged with 0
        Assert.All(mask, v => Assert.InRange(v, 0f, 0.5f));
        // Bilinear with half-pixel centres: pixel (1,0) samples x = 0.25 between ramp 0 and 1.
        Assert.Equal(0.25f / 3f / 2f, mask[1], 6);
    }

    [Fact]
    public void AttentionGateUpsamplesNearestAndThresholdsAtPsi()
    {
        float[] attn = [0.5f, 1.5f, 1.0f, 2.0f];
        var gate = new float[16];
        SamplerMath.AttentionGate(attn, 2, 2, 1.0f, gate, 4, 4);
        float[] expected = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1];
        Assert.Equal(expected, gate);
    }

    [Fact]
    public void DdimUpdateToTheCleanEndRecoversX0()
    {
        float[] x0 = [0.3f, -1.2f, 1.9f];
        float[] eps = [0.1f, -0.7f, 1.3f];
        const double ab = 0.25;
        var d = new float[3];
        for (int i = 0; i < 3; i++)
        {
            d[i] = (float)(Math.Sqrt(ab) * x0[i] + Math.Sqrt(1 - ab) * eps[i]);
        }
        var prev = new float[3];
        SamplerMath.DdimUpdate(d, eps, ab, 1.0, 0, default, prev);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(x0[i], prev[i], 5);
        }
    }

    [Fact]
    public void PredictX0ClampsToTheDiffDomain()
    {
        var x0 = new float[2];
        SamplerMath.PredictX0([10f, -10f], [0f, 0f], 0.5, x0);
        Assert.Equal([2f, -2f], x0);
    }

    [Fact]
    public void BlendHonoursGateMaskAndLambda()
    {
        var outp = new float[3];
        // gate 1 → d̃; gate 0, mask 0 → d_t; gate 0, mask 1, λ 0.5 → halfway.
        SamplerMath.Blend([0f, 0f, 0f], [1f, 1f, 1f], [0f, 0f, 1f], [1f, 0f, 0f], 0.5f, outp);
        Assert.Equal([1f, 0f, 0.5f], outp);
    }

    [Fact]
    public void SagCombineExtrapolatesAwayFromTheDegradedPrediction()
    {
        var g = new float[1];
        SamplerMath.SagCombine([1f], [0f], 0.1f, g);
        Assert.Equal(1.1f, g[0], 6);
    }

    [Fact]
    public void DdimSigmaIsZeroForEtaZeroAndPositiveOtherwise()
    {
        Assert.Equal(0, SamplerMath.DdimSigma(0, 0.3, 0.6));
        Assert.True(SamplerMath.DdimSigma(1, 0.3, 0.6) > 0);
    }

    [Fact]
    public void GaussianNoiseIsDeterministicAndStandardNormal()
    {
        var a = new float[20000];
        var b = new float[20000];
        GaussianNoise.Fill(a, 42);
        GaussianNoise.Fill(b, 42);
        Assert.Equal(a, b);
        double mean = a.Average(v => (double)v);
        double var = a.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(var, 0.95, 1.05);
        GaussianNoise.Fill(b, 43);
        Assert.NotEqual(a, b);
    }
}
