using SccDm.Realtime.Capture;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Capture;

public sealed class CaptureSpecTests
{
    [Fact]
    public void Lavfi_keeps_the_whole_graph_including_colons()
    {
        var spec = CaptureSpec.Parse("lavfi:testsrc2=size=640x480:rate=30");
        Assert.Equal(CaptureKind.Lavfi, spec.Kind);
        Assert.Equal("testsrc2=size=640x480:rate=30", spec.Target);
        Assert.False(spec.IsLive);
    }

    [Fact]
    public void File_and_folder_schemes_take_the_path_verbatim()
    {
        Assert.Equal(new CaptureSpec(CaptureKind.File, "/data/walk.mp4"), CaptureSpec.Parse("file:/data/walk.mp4"));
        Assert.Equal(new CaptureSpec(CaptureKind.Folder, "/data/frames"), CaptureSpec.Parse("folder:/data/frames"));
    }

    [Fact]
    public void Plain_paths_are_told_apart_by_the_file_system()
    {
        using var temp = new TempDirectory("capture");
        string file = Path.Combine(temp.Path, "clip.bin");
        File.WriteAllBytes(file, [1, 2, 3]);
        Assert.Equal(new CaptureSpec(CaptureKind.Folder, temp.Path), CaptureSpec.Parse(temp.Path));
        Assert.Equal(new CaptureSpec(CaptureKind.File, file), CaptureSpec.Parse(file));
    }

    [Fact]
    public void A_missing_path_with_a_video_extension_is_still_a_file_so_the_user_hears_not_found()
    {
        Assert.Equal(CaptureKind.File, CaptureSpec.Parse("/no/such/walk.MP4").Kind);
        Assert.Null(CaptureSpec.TryParse("/no/such/thing"));
        Assert.Null(CaptureSpec.TryParse("webcam"));
        Assert.Null(CaptureSpec.TryParse("  "));
    }

    [Fact]
    public void V4l2_without_options_uses_the_device_defaults()
    {
        var spec = CaptureSpec.Parse("v4l2:/dev/video0");
        Assert.Equal(CaptureKind.V4l2, spec.Kind);
        Assert.Equal("/dev/video0", spec.Target);
        Assert.Null(spec.DeviceSize);
        Assert.Null(spec.DeviceFps);
        Assert.Null(spec.DeviceFormat);
        Assert.True(spec.IsLive);
    }

    [Theory]
    [InlineData("v4l2:/dev/video2?size=1280x720&fps=60&format=mjpeg", 1280, 720, 60.0, "mjpeg")]
    [InlineData("v4l2:/dev/video2?format=yuyv&size=640x480&fps=30", 640, 480, 30.0, "yuyv422")]
    [InlineData("V4L2:/dev/video2?FPS=7.5&Format=H264&size=320X240", 320, 240, 7.5, "h264")]
    public void V4l2_query_options_are_parsed(string text, int width, int height, double fps, string format)
    {
        var spec = CaptureSpec.Parse(text);
        Assert.Equal("/dev/video2", spec.Target);
        Assert.Equal((width, height), spec.DeviceSize);
        Assert.Equal(fps, spec.DeviceFps);
        Assert.Equal(format, spec.DeviceFormat);
    }

    [Theory]
    [InlineData("v4l2:", "device is missing")]
    [InlineData("v4l2:/dev/video0?size=640", "size must be")]
    [InlineData("v4l2:/dev/video0?size=0x480", "size must be")]
    [InlineData("v4l2:/dev/video0?fps=-3", "fps must be")]
    [InlineData("v4l2:/dev/video0?fps=fast", "fps must be")]
    [InlineData("v4l2:/dev/video0?format=rgb48", "format must be")]
    [InlineData("v4l2:/dev/video0?zoom=2", "unknown option 'zoom'")]
    [InlineData("lavfi:", "lavfi graph is empty")]
    [InlineData("file:", "file path is empty")]
    [InlineData("folder:", "folder path is empty")]
    [InlineData("rtsp://", "not a valid URL")]
    public void Malformed_values_name_the_spec_and_the_problem(string text, string expected)
    {
        var e = Assert.Throws<CaptureException>(() => CaptureSpec.TryParse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(text, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtsp://192.168.1.20:554/stream1")]
    [InlineData("rtsps://cam.local/live")]
    [InlineData("http://cam.local:8080/video.mjpg")]
    [InlineData("https://example.org/foot.m3u8")]
    public void Urls_are_network_streams(string text)
    {
        var spec = CaptureSpec.Parse(text);
        Assert.Equal(CaptureKind.Network, spec.Kind);
        Assert.Equal(text, spec.Target);
        Assert.True(spec.IsLive);
    }

    [Fact]
    public void Credentials_in_urls_are_hidden_from_descriptions()
    {
        var spec = CaptureSpec.Parse("rtsp://admin:secret@10.0.0.5/h264");
        Assert.Equal("stream rtsp://***@10.0.0.5/h264", spec.Describe());
        Assert.Equal("http://cam/a@b", CaptureSpec.RedactUrl("http://cam/a@b"));
    }

    [Fact]
    public void Parse_rejects_an_unknown_spec_listing_the_forms()
    {
        var e = Assert.Throws<CaptureException>(() => CaptureSpec.Parse("webcam"));
        Assert.Contains("lavfi:GRAPH", e.Message, StringComparison.Ordinal);
        Assert.Contains("v4l2:/dev/videoN", e.Message, StringComparison.Ordinal);
    }
}
