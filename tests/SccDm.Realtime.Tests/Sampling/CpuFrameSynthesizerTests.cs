using SccDm.Realtime.Capture;
using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Tests.Onnx;

namespace SccDm.Realtime.Tests.Sampling;

public class CpuFrameSynthesizerTests
{
    private static CameraFrame Frame(int seed)
    {
        var frame = new CameraFrame(64, 48) { Sequence = seed };
        var rng = new Random(seed);
        rng.NextBytes(frame.Pixels);
        return frame;
    }

    [Fact]
    public void SynthesizesAnXrayWithKeypointsKccAndAngles()
    {
        using DenoiserModel denoiser = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));
        using KeypointModel keypoints = KeypointModel.Open(RepoPaths.Fixture("tiny_keypoints.onnx"));
        using var synthesizer = new CpuFrameSynthesizer(denoiser, keypoints);
        var result = new SynthesisResult(synthesizer.Info.ImageSize);
        synthesizer.Synthesize(Frame(1), new SamplerOptions { Steps = 4, FrameFit = FrameFit.Letterbox }, result);

        Assert.Equal(4, result.NetworkCalls);
        Assert.Equal(1, result.FrameId);
        Assert.All(result.Xray, v => Assert.InRange(v, -1f, 1f));
        Assert.True(result.Xray.Max() - result.Xray.Min() > 0.01f, "the X-ray is flat");
        // A 64×48 frame letterboxed into a square leaves black (−1) bands at the top and bottom of the condition.
        Assert.Equal(-1f, result.Condition[0]);
        synthesizer.Synthesize(Frame(1), new SamplerOptions { Steps = 4 }, result);
        Assert.NotEqual(-1f, result.Condition[0]); // the default, centre crop, has no bands
        Assert.True(result.HasKeypoints);
        Assert.InRange(result.Kcc, 0f, 1f);
        Assert.NotNull(result.Angles);
        Assert.Equal("CPU", synthesizer.Info.ExecutionProvider);
    }

    [Fact]
    public void WarmStartMakesFewerNetworkCallsAndTheSameFrameGivesTheSameXray()
    {
        using DenoiserModel denoiser = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"));
        using var synthesizer = new CpuFrameSynthesizer(denoiser, null);
        var a = new SynthesisResult(synthesizer.Info.ImageSize);
        var b = new SynthesisResult(synthesizer.Info.ImageSize);
        synthesizer.Synthesize(Frame(2), new SamplerOptions { Steps = 4 }, a);
        synthesizer.Synthesize(Frame(2), new SamplerOptions { Steps = 4 }, b);
        Assert.Equal(a.Xray, b.Xray);
        Assert.False(b.HasKeypoints);
        synthesizer.Synthesize(Frame(3), new SamplerOptions { Steps = 4, WarmStartIndex = 2 }, b);
        Assert.Equal(2, b.NetworkCalls);
    }
}
