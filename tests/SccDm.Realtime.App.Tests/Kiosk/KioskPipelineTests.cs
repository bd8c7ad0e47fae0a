using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Hosting;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class KioskPipelineTests
{
    private static (KioskPipeline Pipeline, KioskControls Controls, RecordingSynthesizer Synthesizer) Create(ScriptedFrameSource source, int steps = 4)
    {
        var synthesizer = new RecordingSynthesizer();
        var controls = new KioskControls(new SamplerOptions { Steps = steps });
        var meters = new KioskMeters(new FrameProfiler(capacity: 1024));
        var pipeline = new KioskPipeline(source, synthesizer, controls, meters, reuseThreshold: 0.6f, warmStartThreshold: 4f);
        return (pipeline, controls, synthesizer);
    }

    [Fact]
    public void Unchanged_frames_reuse_moderate_ones_warm_start_and_new_scenes_start_from_noise()
    {
        // 160×120 frames with a 40×60 square: a 2-pixel move is "moderate", a 60-pixel jump is "new".
        var (pipeline, _, synthesizer) = Create(new ScriptedFrameSource([0, 0, 2, 62]));
        using (pipeline)
        {
            var reused = new List<bool>();
            while (pipeline.CaptureOnce())
            {
                Assert.True(pipeline.SynthesizeOnce());
                Assert.True(pipeline.TryTakeResult(out var result));
                reused.Add(result!.Reused);
            }

            Assert.Equal([false, true, false, false], reused);
            Assert.Equal(3, synthesizer.Calls.Count);
            Assert.Null(synthesizer.Calls[0].WarmStartIndex);
            Assert.Equal(2, synthesizer.Calls[1].WarmStartIndex);
            Assert.Null(synthesizer.Calls[2].WarmStartIndex);
            Assert.True(pipeline.SourceEnded);
        }
    }

    [Fact]
    public void The_kiosk_synthesizes_through_the_public_renderer_api_as_any_host_does()
    {
        var synthesizer = new RecordingSynthesizer();
        var profiler = new FrameProfiler(capacity: 1024);
        var controls = new KioskControls(new SamplerOptions { Steps = 4 });
        var pipeline = new KioskPipeline(new ScriptedFrameSource([0, 0, 62]), synthesizer, controls, new KioskMeters(profiler));
        XrayRenderer renderer = Assert.IsType<XrayRenderer>(pipeline.Renderer);
        using (pipeline)
        {
            // The kiosk's synthesizer is the renderer's (XrayRendererOptions.Synthesizer), with no image to draw.
            Assert.Same(synthesizer.Info, renderer.Info);
            Assert.Same(synthesizer.Info, pipeline.SynthesisInfo);
            Assert.Equal(4, renderer.Sampler.Steps);
            Assert.True(pipeline.CaptureOnce());
            Assert.True(pipeline.SynthesizeOnce());
            Assert.True(pipeline.TryTakeResult(out var result));
            Assert.Equal(0, result!.FrameId); // the camera's own sequence (PushFrame(CameraFrame))
            Assert.Equal(float.PositiveInfinity, pipeline.LastDifference); // nothing to compare the first frame with

            // The same scene again: the renderer's similarity filter measures it and reuses the result.
            Assert.True(pipeline.CaptureOnce());
            Assert.True(pipeline.SynthesizeOnce());
            Assert.True(pipeline.TryTakeResult(out result));
            Assert.True(result!.Reused);
            Assert.Equal(1, result.FrameId);
            Assert.InRange(pipeline.LastDifference, 0f, 0.6f);
            Assert.Equal(renderer.LastFrameDifference, pipeline.LastDifference);

            // A key changes the steps: the renderer's settings follow before the next push.
            controls.Sampler = controls.Sampler with { Steps = 6 };
            Assert.True(pipeline.CaptureOnce());
            Assert.Equal(6, renderer.Sampler.Steps);
            Assert.True(pipeline.SynthesizeOnce());
            Assert.Equal([4, 6], synthesizer.Calls.Select(c => c.Steps));

            // The renderer ran the synthesizer on its own thread and recorded "synthesis" there.
            int synthesisStage = profiler.StageId("synthesis");
            var events = profiler.Snapshot().Where(e => e.StageId == synthesisStage).ToArray();
            Assert.Equal([0L, 2L], events.Select(e => e.FrameId)); // a reuse runs no synthesizer
            Assert.All(events, e => Assert.Equal("synthesis", profiler.ThreadNames[e.ThreadId]));

            // This thread is the renderer's consumer: the API's thread rule holds for the kiosk too.
            RendererStatus? fromOtherThread = null;
            var other = new Thread(() =>
            {
                try { renderer.TryAcquire(TimeSpan.Zero, out _); } catch (RendererException e) { fromOtherThread = e.Status; }
            });
            other.Start();
            other.Join();
            Assert.Equal(RendererStatus.WrongThread, fromOtherThread);
        }

        // Disposing the pipeline destroyed the renderer, and the renderer the synthesizer it was handed.
        Assert.Equal(RendererStatus.Destroyed, Assert.Throws<RendererException>(() => renderer.TryAcquire(TimeSpan.Zero, out _)).Status);
        Assert.True(synthesizer.Disposed);
    }

    [Fact]
    public void New_sampler_settings_start_from_noise_even_on_an_unchanged_frame()
    {
        var (pipeline, controls, synthesizer) = Create(new ScriptedFrameSource([0, 0, 0]));
        using (pipeline)
        {
            pipeline.CaptureOnce();
            pipeline.SynthesizeOnce();
            controls.Sampler = controls.Sampler with { Steps = 6 };
            pipeline.CaptureOnce();
            pipeline.SynthesizeOnce();
            pipeline.CaptureOnce();
            pipeline.SynthesizeOnce();
            Assert.Equal(2, synthesizer.Calls.Count);
            Assert.Equal(6, synthesizer.Calls[1].Steps);
            Assert.Null(synthesizer.Calls[1].WarmStartIndex);
        }
    }

    [Fact]
    public void Display_gets_new_camera_frames_while_synthesis_is_stuck()
    {
        var (pipeline, _, synthesizer) = Create(new ScriptedFrameSource([0, 20, 40, 60], endless: true));
        synthesizer.Release.Reset();
        using (pipeline)
        {
            try
            {
                pipeline.Start();

                // The wait is only a guard against a hang; nothing is asserted about time.
                Assert.True(synthesizer.Entered.Wait(TimeSpan.FromMinutes(2)), "the synthesis thread never called the synthesizer");
                var sequences = new HashSet<long>();
                for (long spin = 0; spin < 200_000_000 && sequences.Count < 5; spin++)
                {
                    if (pipeline.TryTakeCamera(out var frame))
                    {
                        sequences.Add(frame!.Sequence);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }

                Assert.True(sequences.Count >= 5, $"the display saw {sequences.Count} camera frames while synthesis was blocked");
                Assert.False(pipeline.TryTakeResult(out _));
            }
            finally
            {
                synthesizer.Release.Set();
            }
        }
    }

    [Fact]
    public void Source_factory_opens_the_phantom_and_explains_unknown_sources()
    {
        using (var source = FrameSourceFactory.Open("phantom"))
        {
            Assert.Contains("seed 1", source.Info.Name);
        }

        using (var source = FrameSourceFactory.Open("phantom:7", paced: false))
        {
            Assert.Contains("seed 7", source.Info.Name);
        }

        var unknown = Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open("gopher:camera"));
        Assert.Contains("unknown source", unknown.Message);
        Assert.Contains("phantom", unknown.Message);
        // A camera that is not there (no /dev/video* on these machines) is named in the error.
        var missing = Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open("v4l2:/dev/video0"));
        Assert.Contains("/dev/video0", missing.Message);
        Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open("phantom:seven"));
        Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open(""));
    }

    [Theory]
    [InlineData(FrameFit.CenterCrop)]
    [InlineData(FrameFit.Letterbox)]
    public void Stand_in_reports_phantom_ground_truth_in_xray_coordinates(FrameFit fit)
    {
        using var camera = (SccDm.Realtime.Phantom.PhantomCamera)FrameSourceFactory.Open("phantom:3", paced: false);
        using var synthesizer = SynthesizerFactory.Create(new AppConfig { Synthesizer = "stand-in" }, camera, simulateModelCost: false, validation: false, TextWriter.Null);
        Assert.StartsWith("stand-in", synthesizer.Info.ModelName);
        var frame = new Capture.CameraFrame(camera.Info.Width, camera.Info.Height);

        // Two seconds in, the foot has settled.
        for (int i = 0; i < 60; i++)
        {
            camera.ReadFrame(frame);
        }

        var truth = camera.CurrentTruth!;
        var result = new SynthesisResult(synthesizer.Info.ImageSize);
        synthesizer.Synthesize(frame, new SamplerOptions { FrameFit = fit }, result);
        Assert.True(result.HasKeypoints);
        var box = Letterbox.For(frame.Width, frame.Height, result.ImageSize, fit);
        for (int i = 0; i < SynthesisResult.KeypointCount; i++)
        {
            box.ToImage(truth.Keypoints.Points[i].X, truth.Keypoints.Points[i].Y, out double x, out double y);
            Assert.InRange(result.Keypoints[i].X, x - 1, x + 1);
            Assert.InRange(result.Keypoints[i].Y, y - 1, y + 1);
        }

        Assert.True(result.Xray.Max() > 0.5f, "bone is bright");
        Assert.Equal(frame.Sequence, result.FrameId);
    }

    [Theory]
    [InlineData(640, 480, FrameFit.CenterCrop)]
    [InlineData(640, 480, FrameFit.Letterbox)]
    [InlineData(480, 640, FrameFit.CenterCrop)]
    [InlineData(1280, 720, FrameFit.Letterbox)]
    public void Stand_in_square_is_the_samplers_square(int width, int height, FrameFit fit)
    {
        // The stand-in must put the X-ray where the sampler would: its square, in continuous coordinates, must have the
        // sampler's layout's scale and edges.
        var box = Letterbox.For(width, height, 128, fit);
        var layout = SccDm.Realtime.Sampling.Reference.LetterboxLayout.For(width, height, 128, fit);
        Assert.Equal(layout.ScaleX, box.ScaleX, 0.02);
        Assert.Equal(layout.ScaleY, box.ScaleY, 0.02);
        box.ToImage(0, 0, out double x0, out double y0);
        Assert.Equal(layout.OffsetX, x0, 1.0);
        Assert.Equal(layout.OffsetY, y0, 1.0);
        box.ToImage(width, height, out double x1, out double y1);
        Assert.Equal(layout.OffsetX + layout.ContentWidth, x1, 1.0);
        Assert.Equal(layout.OffsetY + layout.ContentHeight, y1, 1.0);
    }

    // The kiosk's synthesis path on the moving phantom camera, one sample per 100 ms of its motion (10 fps): the
    // camera runs at 10 fps, so every frame it delivers is synthesized (CaptureOnce, then SynthesizeOnce).
    private static (SynthesisCounts Counts, List<SamplerOptions> Calls) RunOnMovingCamera(bool warmStart)
    {
        var source = new PhantomCamera(new PhantomCameraOptions { Motion = PhantomCameraMotion.Moving, EnterDuration = TimeSpan.Zero, Fps = 10, Paced = false });
        var synthesizer = new RecordingSynthesizer();
        var meters = new KioskMeters(new FrameProfiler(capacity: 1024));
        using var moving = new KioskPipeline(source, synthesizer, new KioskControls(new SamplerOptions { Steps = 4 }), meters) { WarmStart = warmStart };
        for (int sample = 0; sample < 40; sample++)
        {
            Assert.True(moving.CaptureOnce());
            Assert.True(moving.SynthesizeOnce());
        }

        List<SamplerOptions> calls;
        lock (synthesizer.Calls)
        {
            calls = [.. synthesizer.Calls];
        }

        return (moving.SynthesisCounts, calls);
    }

    [Fact]
    public void On_a_moving_camera_the_synthesis_path_warm_starts_and_with_warm_start_off_samples_the_same_frames_cold()
    {
        var (on, onCalls) = RunOnMovingCamera(warmStart: true);
        Assert.Equal(40, on.Frames);
        Assert.Equal(1, on.New);
        Assert.Null(onCalls[0].WarmStartIndex);
        // The moving foot keeps most frames in the warm-start band; each of those is a half-schedule sample.
        Assert.True(on.WarmSamples >= 30, $"only {on.WarmSamples} warm samples of 40 frames ({on})");
        Assert.Equal(on.Moderate, on.WarmSamples);
        Assert.Equal(on.WarmSamples, onCalls.Count(c => c.WarmStartIndex == 2));
        Assert.Equal(on.Samples, onCalls.Count);
        Assert.Equal(on.Unchanged, on.Reused);

        var (off, offCalls) = RunOnMovingCamera(warmStart: false);
        Assert.Equal((on.New, on.Moderate, on.Unchanged), (off.New, off.Moderate, off.Unchanged));
        Assert.Equal(0, off.WarmSamples);
        Assert.Equal(on.Samples, off.ColdSamples);
        Assert.All(offCalls, c => Assert.Null(c.WarmStartIndex));
    }
}
