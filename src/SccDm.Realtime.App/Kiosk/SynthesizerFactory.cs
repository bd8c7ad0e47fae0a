using SccDm.Realtime.Capture;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Creates the kiosk's <see cref="IFrameSynthesizer"/>. THE one place to plug in the real synthesizer
/// (CpuFrameSynthesizer / VulkanFrameSynthesizer over <see cref="BundledPaths.Denoiser"/> and
/// <see cref="BundledPaths.Keypoints"/>): everything else in the kiosk only sees the interface.
/// Until then it returns a clearly labelled <see cref="StandInSynthesizer"/>.
/// </summary>
internal static class SynthesizerFactory
{
    /// <summary>
    /// Creates the synthesizer for frames from <paramref name="source"/>.
    /// </summary>
    /// <param name="config">Model paths, provider and threads.</param>
    /// <param name="source">The frame source (the stand-in reads the phantom camera's ground truth through it).</param>
    /// <param name="simulateModelCost">True: the stand-in takes about as long per network pass as the kiosk model would, so the three rates behave as in production; false (headless, tests): as fast as it can.</param>
    /// <param name="log">Where to say what was created.</param>
    public static IFrameSynthesizer Create(AppConfig config, IFrameSource source, bool simulateModelCost, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(log);

        // TODO(lead): return the real synthesizer here once it exists, e.g.
        //   return CpuFrameSynthesizer.Create(BundledPaths.Denoiser(config), BundledPaths.Keypoints(config), config);
        // and map its ModelLoadException/OrtUnavailableException to the kiosk's one-line messages (KioskApp does that
        // for the exception types listed in KioskApp.DescribeStartupFailure).
        var phantom = source as PhantomCamera;
        var synthesizer = new StandInSynthesizer(phantom?.Options, simulateModelCost ? StandInSynthesizer.DefaultSimulatedPassMs : 0);
        log.WriteLine($"synthesizer: STAND-IN ({synthesizer.Info.ModelName}) — not the SCCDM model; the real synthesizer plugs in at {nameof(SynthesizerFactory)}.{nameof(Create)}.");
        return synthesizer;
    }
}
