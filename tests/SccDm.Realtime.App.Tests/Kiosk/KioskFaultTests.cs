using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.App.Tests.Verbs;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>
/// A model that does not load, or a synthesizer that fails mid-run, leaves the kiosk up: the camera keeps
/// running and the X-ray panel shows an error panel with the reason and what to do.
/// </summary>
public sealed class KioskFaultTests
{
    private const int Width = 1280;
    private const int Height = 720;

    [Theory]
    [InlineData("truncated.onnx")]
    [InlineData("wrong_contract.onnx")]
    public void A_model_that_does_not_load_gives_an_error_panel_and_the_camera_keeps_running(string fixture)
    {
        var config = new AppConfig { Model = Path.Combine(FixturePaths.Root, fixture) };
        var log = new StringWriter();
        using var session = KioskSession.Open(new KioskOptions { Source = "phantom:2" }, config, paced: false, "test", log, stayUpWithoutModel: true);
        Assert.Contains(fixture, log.ToString());
        Assert.NotNull(session.Pipeline.SynthesisFault);

        for (int i = 0; i < 3; i++)
        {
            Assert.True(session.Pipeline.CaptureOnce());
            Assert.False(session.Pipeline.SynthesizeOnce());
            session.View.Update(0);
        }

        var scene = session.View.Scene;
        Assert.Equal(2, scene.Camera!.Sequence);
        var fault = Assert.IsType<KioskFault>(scene.XrayFault);
        Assert.Equal("The model could not be loaded", fault.Title);
        Assert.Contains(fixture, fault.Reason);
        Assert.Contains("--model", fault.Hint);
        Assert.Equal(ExitCodes.BadModel, fault.ExitCode);
        Assert.Equal(ReadoutState.Fault, scene.Readout);

        var pixels = new byte[Width * Height * 4];
        session.Compositor.Compose(scene, pixels, Width, Height);
        AssertErrorPanel(pixels, session.Compositor.XrayRect);
    }

    [Fact]
    public void Without_the_kiosk_flag_a_bad_model_still_throws_for_bench()
    {
        var config = new AppConfig { Model = Path.Combine(FixturePaths.Root, "truncated.onnx") };
        Assert.Throws<ModelLoadException>(() => KioskSession.Open(new KioskOptions { Source = "phantom" }, config, paced: false, "test", TextWriter.Null));
    }

    [Fact]
    public void Headless_demo_with_a_corrupt_model_writes_every_frame_with_the_panel_and_exits_4()
    {
        using var temp = new TempDirectory("kiosk");
        string outDir = Path.Combine(temp.Path, "frames");
        int exit = Cli.Run(["demo", "--headless", "--frames", "3", "--out", outDir, "--model", Path.Combine(FixturePaths.Root, "truncated.onnx")]);
        Assert.Equal(ExitCodes.BadModel, exit);
        var files = Directory.GetFiles(outDir, "*.png");
        Assert.Equal(3, files.Length);
        var square = KioskLayout.For(Width, Height).XrayImageArea.Fit(1, 1);
        foreach (string file in files)
        {
            AssertErrorPanel(PngCodec.Read(file, PngPixelFormat.Rgba).Pixels, square);
        }
    }

    [Fact]
    public void A_synthesizer_that_throws_mid_run_stops_synthesis_shows_the_panel_and_the_camera_keeps_running()
    {
        var synthesizer = new ThrowingSynthesizer(goodCalls: 2);
        var controls = new KioskControls(new SamplerOptions { Steps = 4 });
        var meters = new KioskMeters(new FrameProfiler(capacity: 1024));
        // Every frame differs from the last, so every frame is synthesized.
        using var pipeline = new KioskPipeline(new ScriptedFrameSource([0, 30, 60, 90], endless: true), synthesizer, controls, meters, 0.6f, 4f);
        var view = new KioskView(pipeline, controls, meters, "test");
        using var compositor = new KioskCompositor();
        pipeline.Start();

        // The wait is only a guard against a hang; nothing is asserted about time.
        Assert.True(synthesizer.Failed.Wait(TimeSpan.FromMinutes(2)), "the synthesizer was never called a third time");
        long seenAtFailure = -1;
        var after = new HashSet<long>();
        for (long spin = 0; spin < 200_000_000 && after.Count < 3; spin++)
        {
            if (pipeline.SynthesisFault is null)
            {
                Thread.Yield();
                continue;
            }

            if (pipeline.TryTakeCamera(out var frame))
            {
                if (seenAtFailure < 0)
                {
                    seenAtFailure = frame!.Sequence;
                }
                else
                {
                    after.Add(frame!.Sequence);
                }
            }
            else
            {
                Thread.Yield();
            }
        }

        Assert.True(after.Count >= 3, $"the display saw {after.Count} new camera frames after synthesis failed");
        Assert.Equal(3, synthesizer.Calls);
        view.Update(0);
        var fault = Assert.IsType<KioskFault>(view.Scene.XrayFault);
        Assert.Equal("Synthesis stopped", fault.Title);
        Assert.Contains(ThrowingSynthesizer.Message, fault.Reason);
        Assert.Equal(ExitCodes.Failure, fault.ExitCode);
        var pixels = new byte[Width * Height * 4];
        compositor.Compose(view.Scene, pixels, Width, Height);
        AssertErrorPanel(pixels, compositor.XrayRect);
    }

    [Fact]
    public void Error_panel_wraps_a_long_reason_inside_the_panel()
    {
        var scene = new KioskScene
        {
            XrayFault = new KioskFault("The model could not be loaded", string.Join(' ', Enumerable.Repeat("/a/very/long/path/to/a/model/that/has/no/spaces.onnx broken", 40)), "Do something about it.", ExitCodes.BadModel),
        };
        using var compositor = new KioskCompositor();
        var pixels = new byte[Width * Height * 4];
        compositor.Compose(scene, pixels, Width, Height);
        var square = compositor.XrayRect;
        AssertErrorPanel(pixels, square);
        // Nothing of the panel's text spills out to the right of the X-ray panel.
        var panel = KioskLayout.For(Width, Height).XrayPanel;
        Assert.Equal(0, ImageAssert.BrightPixels(pixels, Width, square.Right, square.Y, panel.Right - square.Right - 2, square.H / 2));
    }

    /// <summary>A red-outlined panel with light text in the upper half of <paramref name="square"/>.</summary>
    private static void AssertErrorPanel(byte[] pixels, PixelRect square)
    {
        uint red = KioskPalette.Red;
        var want = ((byte)(red >> 24), (byte)(red >> 16), (byte)(red >> 8));
        int redPixels = ImageAssert.CountColour(pixels, Width, square, want);

        // The 2-pixel outline alone is about 8 × the panel's side.
        Assert.True(redPixels > 4 * square.W, $"{redPixels} red pixels in the X-ray panel: no error panel");
        int text = ImageAssert.BrightPixels(pixels, Width, square.X, square.Y, square.W, square.H / 2);
        Assert.True(text > 150, $"{text} light pixels in the upper half of the panel: no reason text");
    }

    private sealed class ThrowingSynthesizer(int goodCalls) : IFrameSynthesizer
    {
        public const string Message = "simulated failure of the network pass";

        public int Calls { get; private set; }

        public ManualResetEventSlim Failed { get; } = new(false);

        public SynthesisInfo Info { get; } = new(32, "throwing test synthesizer", "", "CPU", "test", "none");

        public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
        {
            if (++Calls > goodCalls)
            {
                Failed.Set();
                throw new InvalidOperationException(Message);
            }

            Array.Fill(result.Xray, 0f);
            result.FrameId = frame.Sequence;
        }

        public void Dispose() => Failed.Dispose();
    }
}
