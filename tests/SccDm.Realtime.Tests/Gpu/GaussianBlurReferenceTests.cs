using SccDm.Realtime.Gpu.Reference;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class GaussianBlurReferenceTests
{
    [Fact]
    public void WeightsAreTheNormalizedSigmaOneGaussian()
    {
        var raw = new[] { 1.0, Math.Exp(-0.5), Math.Exp(-2.0) };
        var sum = raw[0] + (2 * raw[1]) + (2 * raw[2]);
        Assert.True(Math.Abs((raw[0] / sum) - GaussianBlurReference.Weight0) < 1e-7);
        Assert.True(Math.Abs((raw[1] / sum) - GaussianBlurReference.Weight1) < 1e-7);
        Assert.True(Math.Abs((raw[2] / sum) - GaussianBlurReference.Weight2) < 1e-7);
        Assert.Equal(1.0, GaussianBlurReference.Weight0 + (2.0 * GaussianBlurReference.Weight1) + (2.0 * GaussianBlurReference.Weight2), 6);
    }

    [Fact]
    public void MatchesDirect5x5ConvolutionWithClampToEdge()
    {
        const int w = 13, h = 7;
        var random = new Random(1234);
        var src = Enumerable.Range(0, w * h).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
        var dst = new float[w * h];
        GaussianBlurReference.Apply(src, dst, w, h);

        double[] k = [GaussianBlurReference.Weight2, GaussianBlurReference.Weight1, GaussianBlurReference.Weight0, GaussianBlurReference.Weight1, GaussianBlurReference.Weight2];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var expected = 0.0;
                for (var j = -2; j <= 2; j++)
                {
                    for (var i = -2; i <= 2; i++)
                    {
                        expected += k[j + 2] * k[i + 2] * src[(Math.Clamp(y + j, 0, h - 1) * w) + Math.Clamp(x + i, 0, w - 1)];
                    }
                }

                Assert.True(Math.Abs(expected - dst[(y * w) + x]) < 1e-6, $"({x},{y}): {dst[(y * w) + x]} vs {expected}");
            }
        }
    }

    [Fact]
    public void ConstantImageStaysConstant()
    {
        var src = Enumerable.Repeat(0.25f, 6 * 5).ToArray();
        var dst = new float[src.Length];
        GaussianBlurReference.Apply(src, dst, 6, 5);
        Assert.All(dst, v => Assert.Equal(0.25f, v, 6));
    }
}
