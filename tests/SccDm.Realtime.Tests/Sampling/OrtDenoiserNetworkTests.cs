using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Tests.Onnx;

namespace SccDm.Realtime.Tests.Sampling;

public class OrtDenoiserNetworkTests
{
    [Fact]
    public void TheFixtureModelsMetadataDrivesTheSchedule()
    {
        using DenoiserModel model = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));
        using var net = new OrtDenoiserNetwork(model);
        DenoiserMetadata meta = model.Metadata;
        Assert.Equal(meta.T, net.Schedule.T);
        Assert.Equal(meta.BetaStart, net.Schedule.Beta(0), 12);
        Assert.Equal(meta.BetaEnd, net.Schedule.Beta(meta.T - 1), 12);
        Assert.Equal(meta.ImageSize, net.ImageSize);
        Assert.Equal((float)meta.Psi, net.DefaultPsi);
        Assert.Equal(model.FeatureOutputNames.Count, net.OutputShape.FeatureSizes.Count);
    }

    [Fact]
    public void BoundRunsMatchPlainRunsAndSamplingIsDeterministic()
    {
        using DenoiserModel model = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));
        using var net = new OrtDenoiserNetwork(model);
        int n = net.ImageSize * net.ImageSize;
        var cond = new float[n];
        var dT = new float[n];
        var rng = new Random(5);
        for (int i = 0; i < n; i++)
        {
            cond[i] = (float)rng.NextDouble() * 2 - 1;
            dT[i] = (float)rng.NextDouble() * 2 - 1;
        }
        var a = new DenoiserOutput(net.OutputShape);
        var b = new DenoiserOutput(net.OutputShape);
        net.Run(dT, cond, 500, a);
        net.Run(dT, cond, 10, b);
        Assert.NotEqual(a.Eps, b.Eps); // t reaches the network
        net.Run(dT, cond, 500, b);
        Assert.Equal(a.Eps, b.Eps);
        Assert.Equal(1.0, a.Attention.Average(v => (double)v), 4);

        var sampler = new ReferenceSampler(net);
        var d0a = new float[n]; var xa = new float[n]; var d0b = new float[n]; var xb = new float[n];
        sampler.Sample(cond, new SamplerOptions(), d0a, xa);
        sampler.Sample(cond, new SamplerOptions(), d0b, xb);
        Assert.Equal(xa, xb);
        Assert.All(xa, v => Assert.InRange(v, -1f, 1f));
    }
}
