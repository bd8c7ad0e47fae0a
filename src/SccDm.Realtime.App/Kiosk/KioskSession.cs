using SccDm.Realtime.Models;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// What a kiosk run is made of apart from the window: source, synthesizer, pipeline, view and compositor, created
/// in that order and disposed in reverse. Shared by the windowed and the headless run.
/// </summary>
internal sealed class KioskSession : IDisposable
{
    private int _disposed;

    private KioskSession(KioskPipeline pipeline, KioskControls controls, KioskMeters meters, KioskView view, KioskCompositor compositor)
    {
        Pipeline = pipeline;
        Controls = controls;
        Meters = meters;
        View = view;
        Compositor = compositor;
    }

    /// <summary>The synthesizer the pipeline's renderer runs (owned by the renderer); null when the model did not load.</summary>
    public IFrameSynthesizer? Synthesizer { get; private init; }

    /// <summary>Validation messages of the synthesizer's own Vulkan device, complete once the session is disposed.</summary>
    public IReadOnlyList<string> SynthesizerValidationMessages => (Synthesizer as OwningSynthesizer)?.ValidationMessages ?? [];

    /// <summary>Vulkan objects of the synthesizer's own device still alive (0 after disposal unless something leaked).</summary>
    public long SynthesizerLiveVulkanObjects => (Synthesizer as OwningSynthesizer)?.LiveVulkanObjects ?? 0;

    /// <summary>The three rates.</summary>
    public KioskPipeline Pipeline { get; }

    /// <summary>Settings the keys change.</summary>
    public KioskControls Controls { get; }

    /// <summary>Stage timings.</summary>
    public KioskMeters Meters { get; }

    /// <summary>The display's per-frame state.</summary>
    public KioskView View { get; }

    /// <summary>Draws frames.</summary>
    public KioskCompositor Compositor { get; }

    /// <summary>Opens the source and the synthesizer and wires everything (threads are not started).</summary>
    /// <param name="options">The run's options.</param>
    /// <param name="config">Model paths, provider and synthesizer choice.</param>
    /// <param name="paced">Whether the source delivers frames at its own rate.</param>
    /// <param name="display">The display line of the HUD.</param>
    /// <param name="log">Where start-up lines go.</param>
    /// <param name="profiler">Receives the stages; a fresh one when null.</param>
    /// <param name="stayUpWithoutModel">
    /// When the model cannot be loaded (bad, corrupt or wrong-contract file), run anyway with the camera and an error
    /// panel in place of the X-ray (the kiosk); false: throw (bench).
    /// </param>
    public static KioskSession Open(KioskOptions options, AppConfig config, bool paced, string display, TextWriter log, FrameProfiler? profiler = null, bool stayUpWithoutModel = false)
    {
        var source = options.OpenSource?.Invoke(paced) ?? FrameSourceFactory.Open(options.Source, paced);
        IFrameSynthesizer? synthesizer = null;
        try
        {
            var controls = new KioskControls(new SamplerOptions { Steps = options.Steps, Variant = options.Variant });
            controls.Sampler.Validate();
            var meters = new KioskMeters(profiler ?? new FrameProfiler(capacity: 1 << 15, warmupFrames: 10));
            KioskPipeline pipeline;
            try
            {
                synthesizer = SynthesizerFactory.Create(config, source, options.SimulateModelCost, options.Validation, log, meters.Profiler);
            }
            catch (Exception e) when (stayUpWithoutModel && e is ModelLoadException or ModelContractException)
            {
                log.WriteLine($"synthesizer: no X-rays in this run: {KioskFault.ForSynthesis(e).OneLine}");
                pipeline = KioskPipeline.WithoutSynthesis(source, e, controls, meters, options.ReuseThreshold, options.WarmStartThreshold);
                return new KioskSession(pipeline, controls, meters, new KioskView(pipeline, controls, meters, display), new KioskCompositor());
            }

            // The renderer takes the synthesizer over, also when its creation fails.
            IFrameSynthesizer handedOver = synthesizer;
            synthesizer = null;
            pipeline = new KioskPipeline(source, handedOver, controls, meters, options.ReuseThreshold, options.WarmStartThreshold);
            var view = new KioskView(pipeline, controls, meters, display);
            return new KioskSession(pipeline, controls, meters, view, new KioskCompositor()) { Synthesizer = handedOver };
        }
        catch
        {
            synthesizer?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>One line per stage with p50/p95 from the profiler, for the exit summary.</summary>
    public IEnumerable<string> Summary()
    {
        var stats = Meters.Profiler.Summarize();
        foreach (var (name, s) in stats)
        {
            if (s.Count > 0)
            {
                yield return FormattableString.Invariant($"  {name,-10} p50 {s.P50,7:0.00} ms   p95 {s.P95,7:0.00} ms   ({s.Count} samples)");
            }
        }
    }

    /// <summary>Stops the threads and disposes in reverse order of creation. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Compositor.Dispose();
        Pipeline.Dispose();
    }
}
