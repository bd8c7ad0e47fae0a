using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Metrics;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Bench;

/// <summary>
/// What warm start costs in quality: a chain of camera frames taken every <c>stride</c> frames (the cadence the
/// timed run sampled at) goes through a <see cref="SynthesisStage"/> with warm start, as in the kiosk; every frame
/// it warm-starts is also sampled cold by a second synthesizer, and the two X-rays are compared. The sampler's noise
/// is fixed per seed, so the cold X-ray of a frame is the one the kiosk would show without warm start.
/// </summary>
/// <param name="Pairs">Warm-started frames compared with their cold X-ray.</param>
/// <param name="Stride">Camera frames between the frames of the chain.</param>
/// <param name="Ssim">SSIM of warm against cold, per pair (data range 2: X-rays in [−1, 1]).</param>
/// <param name="Mae">Mean absolute difference of warm against cold per pair, on a 0–1 scale.</param>
/// <param name="ConsecutiveColdSsim">SSIM of the cold X-rays of successive frames of the chain: how much the picture changes anyway between two samples.</param>
internal sealed record WarmStartQuality(int Pairs, int Stride, IReadOnlyList<double> Ssim, IReadOnlyList<double> Mae, IReadOnlyList<double> ConsecutiveColdSsim)
{
    /// <summary>Measures up to <paramref name="pairs"/> pairs on frames of <paramref name="sourceSpec"/> (opened unpaced).</summary>
    public static WarmStartQuality Measure(AppConfig config, string sourceSpec, SamplerOptions options, int stride, int pairs, CancellationToken cancel)
    {
        using IFrameSource source = FrameSourceFactory.Open(sourceSpec, paced: false);
        using IFrameSynthesizer warm = SynthesizerFactory.Create(config, source, simulateModelCost: false, validation: false, TextWriter.Null);
        using IFrameSynthesizer cold = SynthesizerFactory.Create(config, source, simulateModelCost: false, validation: false, TextWriter.Null);
        var stage = new SynthesisStage(warm, new FrameChangeFilter());
        int size = warm.Info.ImageSize;
        var warmResult = new SynthesisResult(size);
        var coldResult = new SynthesisResult(size);
        var previousCold = new float[size * size];
        bool havePreviousCold = false;
        var frame = new CameraFrame(source.Info.Width, source.Info.Height);
        var ssim = new List<double>();
        var mae = new List<double>();
        var consecutive = new List<double>();

        // Bounded so a source that never moves (every frame reused) still ends.
        for (long read = 0, limit = (long)pairs * stride * 8; ssim.Count < pairs && read < limit && !cancel.IsCancellationRequested; read++)
        {
            if (!source.ReadFrame(frame, cancel))
            {
                break;
            }

            if (read % stride != 0)
            {
                continue;
            }

            long warmBefore = stage.Counts.WarmSamples;
            if (!stage.Run(frame, options, warmResult))
            {
                continue;
            }

            cold.Synthesize(frame, options, coldResult);
            if (havePreviousCold)
            {
                consecutive.Add(ImageMetrics.Ssim(previousCold, coldResult.Xray, size, size, 2.0));
            }

            coldResult.Xray.CopyTo(previousCold, 0);
            havePreviousCold = true;
            if (stage.Counts.WarmSamples > warmBefore)
            {
                ssim.Add(ImageMetrics.Ssim(warmResult.Xray, coldResult.Xray, size, size, 2.0));
                mae.Add(ImageMetrics.Mae(warmResult.Xray, coldResult.Xray) / 2.0);
            }
        }

        return new WarmStartQuality(ssim.Count, stride, ssim, mae, consecutive);
    }
}
