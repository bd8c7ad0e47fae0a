using SccDm.Realtime.App.Kiosk;
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
        var pipeline = new KioskPipeline(source, synthesizer, controls, meters, new FrameChangeFilter(reuseThreshold: 0.6f, warmStartThreshold: 4f));
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

    [Fact]
    public void Stand_in_reports_phantom_ground_truth_in_xray_coordinates()
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
        synthesizer.Synthesize(frame, new SamplerOptions(), result);
        Assert.True(result.HasKeypoints);
        var box = Letterbox.For(frame.Width, frame.Height, result.ImageSize);
        for (int i = 0; i < SynthesisResult.KeypointCount; i++)
        {
            box.ToImage(truth.Keypoints.Points[i].X, truth.Keypoints.Points[i].Y, out double x, out double y);
            Assert.InRange(result.Keypoints[i].X, x - 1, x + 1);
            Assert.InRange(result.Keypoints[i].Y, y - 1, y + 1);
        }

        Assert.True(result.Xray.Max() > 0.5f, "bone is bright");
        Assert.Equal(frame.Sequence, result.FrameId);
    }
}
