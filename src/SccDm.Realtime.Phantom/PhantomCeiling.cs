using SccDm.Realtime.Metrics;

namespace SccDm.Realtime.Phantom;

/// <summary>What of a phantom X-ray its photo cannot show: re-drawn by <see cref="PhantomCeiling"/>.</summary>
[Flags]
public enum PhantomHidden
{
    /// <summary>Nothing: every re-render equals the sample's own X-ray.</summary>
    None = 0,

    /// <summary>The per-sample texture seed: the trabecular pattern inside each bone and the detector-noise pattern.</summary>
    TextureSeed = 1,

    /// <summary>The X-ray exposure: overall bone brightness.</summary>
    Exposure = 2,

    /// <summary>The detector-noise strength.</summary>
    NoiseStrength = 4,

    /// <summary>All of the above.</summary>
    All = TextureSeed | Exposure | NoiseStrength,
}

/// <summary>One <see cref="PhantomCeiling"/> score: SSIM, PSNR (dB) and MAE on intensities in [0, 1].</summary>
public readonly record struct ImageScore(double Ssim, double Psnr, double Mae);

/// <summary>The result of <see cref="PhantomCeiling.Measure"/>: means over the samples.</summary>
public sealed record PhantomCeilingResult(int Samples, int Draws, PhantomHidden Hidden, ImageScore OneDraw, ImageScore MeanOfDraws);

/// <summary>
/// How well any photo-conditioned model could score on the phantom. A photo fixes the foot's geometry but not the
/// bone texture, the detector noise or the exposure, so even a model that recovers every geometric parameter exactly
/// cannot reproduce the X-ray. For each sample this re-renders the X-ray with the same parameters and
/// <c>draws</c> fresh values of what is hidden, then scores against the sample's own X-ray, with the metrics
/// <c>sccdm eval</c> uses: one draw (what a sharp sampler that guessed the hidden values would get) and the
/// mean of the draws (close to the best mean-squared-error guess, and an estimate of the ceiling).
/// </summary>
public static class PhantomCeiling
{
    /// <summary>Measures the ceiling over samples 0…count−1 of <paramref name="split"/> at <paramref name="size"/>².</summary>
    /// <param name="progress">Called with the number of samples done so far.</param>
    public static PhantomCeilingResult Measure(PhantomSplit split, int count, int size, int draws, PhantomHidden hidden = PhantomHidden.All, long baseSeed = 0, long drawSeed = 1, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        double s1 = 0, p1 = 0, m1 = 0, sk = 0, pk = 0, mk = 0;
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long seed = PhantomDataset.SeedFor(split, baseSeed, i);
            var parameters = FootPhantom.SampleParameters(seed);
            float[] truth = Intensities(FootPhantom.Generate(seed, size, parameters).XRay);
            var rng = new SplitMix64(SplitMix64.Mix((ulong)seed ^ (ulong)drawSeed ^ 0xCE11_0000_0000_0000UL));
            var mean = new float[truth.Length];
            float[]? first = null;
            for (int k = 0; k < draws; k++)
            {
                float[] x = Intensities(FootPhantom.Generate(seed, size, Redraw(parameters, hidden, ref rng)).XRay);
                first ??= x;
                for (int j = 0; j < x.Length; j++)
                {
                    mean[j] += x[j] / draws;
                }
            }

            var one = Score(first!, truth, size);
            var avg = Score(mean, truth, size);
            (s1, p1, m1) = (s1 + one.Ssim, p1 + one.Psnr, m1 + one.Mae);
            (sk, pk, mk) = (sk + avg.Ssim, pk + avg.Psnr, mk + avg.Mae);
            progress?.Invoke(i + 1);
        }

        return new PhantomCeilingResult(count, draws, hidden, new ImageScore(s1 / count, p1 / count, m1 / count), new ImageScore(sk / count, pk / count, mk / count));
    }

    /// <summary>The parameters with fresh values of what <paramref name="hidden"/> names, drawn from the phantom's own ranges.</summary>
    internal static FootParameters Redraw(FootParameters p, PhantomHidden hidden, ref SplitMix64 rng)
    {
        var q = p;
        if (hidden.HasFlag(PhantomHidden.TextureSeed))
        {
            q = q with { TextureSeed = rng.NextUInt64() };
        }

        if (hidden.HasFlag(PhantomHidden.Exposure))
        {
            q = q with { XrayExposure = rng.Uniform(FootPhantom.ExposureMin, FootPhantom.ExposureMax) };
        }

        if (hidden.HasFlag(PhantomHidden.NoiseStrength))
        {
            q = q with { XrayNoiseSigma = rng.Uniform(FootPhantom.XrayNoiseMin, FootPhantom.XrayNoiseMax) };
        }

        return q;
    }

    private static ImageScore Score(float[] x, float[] truth, int size)
    {
        // A perfect match has infinite PSNR; cap it at 100 dB so means stay finite.
        double psnr = Math.Min(ImageMetrics.Psnr(x, truth, 1.0), 100);
        return new ImageScore(ImageMetrics.Ssim(x, truth, size, size, 1.0), psnr, ImageMetrics.Mae(x, truth));
    }

    private static float[] Intensities(byte[] gray)
    {
        var f = new float[gray.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            f[i] = gray[i] / 255f;
        }

        return f;
    }
}
