using System.Diagnostics;
using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class KioskSteadyStateTests
{
    /// <summary>A synthesizer that writes a fixed X-ray and never allocates.</summary>
    private sealed class QuietSynthesizer : IFrameSynthesizer
    {
        public SynthesisInfo Info { get; } = new(64, "quiet test synthesizer", "", "CPU", "test", "none");

        public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
        {
            Array.Fill(result.Xray, 0.25f);
            result.HasKeypoints = false;
            result.FrameId = frame.Sequence;
        }

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Capture_synthesis_handoff_view_update_and_compose_allocate_nothing_per_frame(bool modelFailed)
    {
        // Alternating shifts make every other frame a warm start and the rest reuses: all hand-over paths run.
        // With a model that failed to load, every frame draws the error panel instead (its text wrapped once).
        var source = new ScriptedFrameSource([0, 2, 2, 0], endless: true);
        var controls = new KioskControls(new SamplerOptions { Steps = 4 });
        var meters = new KioskMeters(new FrameProfiler(capacity: 4096));
        using var pipeline = modelFailed
            ? KioskPipeline.WithoutSynthesis(source, new InvalidOperationException("the model could not be loaded, said at length so that the panel wraps it over several lines"), controls, meters)
            : new KioskPipeline(source, new QuietSynthesizer(), controls, meters);
        var view = new KioskView(pipeline, controls, meters, "test display");
        using var compositor = new KioskCompositor();
        var pixels = new byte[960 * 540 * 4];

        // A fixed clock: the HUD text (rebuilt a few times a second by design) is built once during warm-up.
        long now = Stopwatch.GetTimestamp();
        void Frame()
        {
            pipeline.CaptureOnce();
            pipeline.SynthesizeOnce();
            view.Update(now);
            compositor.Compose(view.Scene, pixels, 960, 540);
            view.AfterPresent(now);
            view.AddFrameInterval(16.7, now);
        }

        for (int i = 0; i < 8; i++)
        {
            Frame();
        }

        Assert.Equal(0, Allocations.SteadyStateBytes(Frame, 40));
        Assert.Equal(modelFailed, view.Scene.Result is null);
        Assert.Equal(modelFailed, view.Scene.XrayFault is not null);
        Assert.NotNull(view.Scene.Camera);
    }
}
