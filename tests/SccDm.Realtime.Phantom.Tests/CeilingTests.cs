namespace SccDm.Realtime.Phantom.Tests;

/// <summary>
/// <see cref="PhantomCeiling"/>: re-rendering with nothing hidden reproduces the X-ray exactly; hiding the texture,
/// noise and exposure costs a single re-render more than the mean of several, and the mean stays short of a
/// perfect score.
/// </summary>
public class CeilingTests
{
    [Fact]
    public void NothingHiddenReproducesTheXray()
    {
        var r = PhantomCeiling.Measure(PhantomSplit.Val, 2, 128, 2, PhantomHidden.None);
        Assert.Equal(1.0, r.OneDraw.Ssim, 9);
        Assert.Equal(1.0, r.MeanOfDraws.Ssim, 9);
        Assert.Equal(0.0, r.OneDraw.Mae, 9);
        Assert.Equal(100.0, r.OneDraw.Psnr); // capped, not infinite
    }

    [Fact]
    public void HiddenTextureNoiseAndExposureLowerTheScoreAndAveragingRecoversSome()
    {
        var r = PhantomCeiling.Measure(PhantomSplit.Val, 3, 128, 6, PhantomHidden.All);
        Assert.InRange(r.OneDraw.Ssim, 0.5, 0.97);
        Assert.True(r.MeanOfDraws.Ssim > r.OneDraw.Ssim + 0.01, $"mean {r.MeanOfDraws.Ssim:F4} vs one {r.OneDraw.Ssim:F4}");
        Assert.True(r.MeanOfDraws.Mae < r.OneDraw.Mae, $"mean {r.MeanOfDraws.Mae:F4} vs one {r.OneDraw.Mae:F4}");
        Assert.True(r.MeanOfDraws.Psnr > r.OneDraw.Psnr);
        Assert.True(r.MeanOfDraws.Ssim < 0.99);
        Assert.Equal(r, PhantomCeiling.Measure(PhantomSplit.Val, 3, 128, 6, PhantomHidden.All)); // deterministic
    }

    [Fact]
    public void RedrawChangesOnlyWhatIsHidden()
    {
        var p = FootPhantom.SampleParameters(1_000_000_003);
        var rng = new SplitMix64(42);
        var q = PhantomCeiling.Redraw(p, PhantomHidden.Exposure, ref rng);
        Assert.NotEqual(p.XrayExposure, q.XrayExposure);
        Assert.InRange(q.XrayExposure, 0.85, 1.15);
        Assert.Equal(p with { XrayExposure = q.XrayExposure }, q);
        var all = PhantomCeiling.Redraw(p, PhantomHidden.All, ref rng);
        Assert.NotEqual(p.TextureSeed, all.TextureSeed);
        Assert.InRange(all.XrayNoiseSigma, 1, 4);
        Assert.Equal(p with { TextureSeed = all.TextureSeed, XrayExposure = all.XrayExposure, XrayNoiseSigma = all.XrayNoiseSigma }, all);
        Assert.Equal(p, PhantomCeiling.Redraw(p, PhantomHidden.None, ref rng));
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhantomCeiling.Measure(PhantomSplit.Val, 0, 128, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhantomCeiling.Measure(PhantomSplit.Val, 1, 128, 0));
    }
}
