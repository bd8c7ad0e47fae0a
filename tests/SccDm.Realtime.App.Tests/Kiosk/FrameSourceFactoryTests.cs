using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class FrameSourceFactoryTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void Phantom_is_still_accepted()
    {
        using IFrameSource source = FrameSourceFactory.Open("phantom:7", paced: false);
        Assert.Contains("seed 7", source.Info.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phantom:moving", 1)]
    [InlineData("phantom:moving:7", 7)]
    [InlineData("PHANTOM:Moving:0", 0)]
    public void Phantom_moving_opens_a_moving_camera_with_the_foot_in_place(string spec, long seed)
    {
        using IFrameSource source = FrameSourceFactory.Open(spec, paced: false);
        var camera = Assert.IsType<SccDm.Realtime.Phantom.PhantomCamera>(source);
        Assert.Equal(SccDm.Realtime.Phantom.PhantomCameraMotion.Moving, camera.Options.Motion);
        Assert.Equal(seed, camera.Options.Seed);
        Assert.Contains($"moving, seed {seed}", source.Info.Name, StringComparison.Ordinal);
        var frame = new CameraFrame(640, 480);
        Assert.True(source.ReadFrame(frame));
        Assert.True(camera.CurrentTruth!.FootFullyInFrame, "the moving foot should be in place from the first frame (no slide-in)");
    }

    [Theory]
    [InlineData("phantom:moving:x")]
    [InlineData("phantom:still")]
    public void A_bad_phantom_argument_names_both_forms(string spec)
    {
        var e = Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open(spec));
        Assert.Contains("phantom:moving:7", e.Message, StringComparison.Ordinal);
        Assert.Contains(spec, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SupportedForms_lists_phantom_and_every_ffmpeg_form()
    {
        foreach (string form in (string[])["phantom:SEED", "phantom:moving", "lavfi:GRAPH", "file:PATH", "folder:DIR", "v4l2:/dev/videoN", "rtsp://", "http://", "https://"])
        {
            Assert.Contains(form, FrameSourceFactory.SupportedForms, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_lavfi_graph_opens_through_ffmpeg_at_the_kiosk_size()
    {
        await Task.Run(() =>
        {
            using IFrameSource source = FrameSourceFactory.Open("lavfi:testsrc2=size=320x240:rate=30", paced: false);
            Assert.IsType<FfmpegFrameSource>(source);
            Assert.Equal((640, 480), (source.Info.Width, source.Info.Height));
            var frame = new CameraFrame(640, 480);
            Assert.True(source.ReadFrame(frame));
            Assert.Equal(0, frame.Sequence);
        }).WaitAsync(_bound);
    }

    [Theory]
    [InlineData("webcam", "unknown source")]
    [InlineData("/no/such/walk.mp4", "video file not found: /no/such/walk.mp4")]
    [InlineData("file:/no/such/clip", "video file not found: /no/such/clip")]
    [InlineData("folder:/no/such/dir", "image folder not found: /no/such/dir")]
    [InlineData("v4l2:/dev/video97", "camera device not found: /dev/video97")]
    [InlineData("v4l2:/dev/video0?zoom=2", "unknown option 'zoom'")]
    public void Bad_sources_are_usage_errors_naming_the_input(string spec, string expected)
    {
        var e = Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open(spec));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(spec, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(ExitCodes.Usage, KioskApp.DescribeStartupFailure(e)?.ExitCode);
    }

    [Fact]
    public async Task A_bogus_lavfi_graph_is_a_usage_error_with_ffmpegs_message()
    {
        var e = await Task.Run(() => Assert.Throws<FrameSourceException>(() => FrameSourceFactory.Open("lavfi:nosuchsource", paced: false))).WaitAsync(_bound);
        Assert.Contains("lavfi nosuchsource", e.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg failed", e.Message, StringComparison.Ordinal);
    }
}
