using System.Runtime;
using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

/// <summary>
/// ORT keeps raw pointers to the network's bound buffers between runs; a compacting GC must not move them.
/// (Before the fix the bound outputs were ordinary arrays: after a compaction ORT wrote to their old address and
/// the sampler read stale values — which made the reference sampler's result differ from process to process.)
/// </summary>
public class OrtDenoiserNetworkPinningTests
{
    [Fact]
    public void OutputsSurviveCompactingCollections()
    {
        using DenoiserModel model = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));
        var garbage = new List<object>();
        for (int i = 0; i < 2000; i++)
        {
            garbage.Add(new byte[64]); // allocated before the network's buffers, so compaction has something to slide them over
        }
        using var net = new OrtDenoiserNetwork(model);
        int n = net.ImageSize * net.ImageSize;
        var rng = new Random(9);
        float[] dT = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        float[] cond = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        var first = new DenoiserOutput(net.OutputShape);
        net.Run(dT, cond, 500, first);

        garbage.Clear();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        // A different timestep: stale buffers would still hold the first run's values.
        var second = new DenoiserOutput(net.OutputShape);
        net.Run(dT, cond, 10, second);
        using var fresh = new OrtDenoiserNetwork(model);
        var expected = new DenoiserOutput(fresh.OutputShape);
        fresh.Run(dT, cond, 10, expected);
        Assert.NotEqual(first.Eps, expected.Eps);
        Assert.Equal(expected.Eps, second.Eps);
        Assert.Equal(expected.Attention, second.Attention);
        for (int l = 0; l < first.Features.Length; l++)
        {
            Assert.Equal(expected.Features[l], second.Features[l]);
        }
    }
}
