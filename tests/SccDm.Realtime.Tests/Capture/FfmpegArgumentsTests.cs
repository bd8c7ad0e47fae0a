using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Tests.Capture;

public sealed class FfmpegArgumentsTests
{
    private static readonly FfmpegFrameSourceOptions _unpaced = new() { Width = 160, Height = 120, Fps = 25, Paced = false };

    [Fact]
    public void Lavfi_is_scaled_resampled_and_piped_as_raw_rgba()
    {
        string line = Line(new CaptureSpec(CaptureKind.Lavfi, "testsrc2"), _unpaced);
        Assert.Contains("-f lavfi -i testsrc2 ", line, StringComparison.Ordinal);
        Assert.Contains("-vf scale=160:120 -r 25 -pix_fmt rgba -f rawvideo -", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-re", line, StringComparison.Ordinal);
        Assert.Contains("-nostdin", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paced_looping_file_reads_in_real_time_and_loops()
    {
        string line = Line(new CaptureSpec(CaptureKind.File, "/v/a b.mp4"), _unpaced with { Paced = true, Loop = true });
        Assert.Contains("-re -stream_loop -1 -i /v/a b.mp4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void V4l2_passes_the_device_mode_and_every_frame_through()
    {
        var spec = CaptureSpec.Parse("v4l2:/dev/video1?size=1280x720&fps=30&format=yuyv");
        string line = Line(spec, _unpaced with { Paced = true });
        Assert.Contains("-f v4l2 -input_format yuyv422 -video_size 1280x720 -framerate 30 -i /dev/video1", line, StringComparison.Ordinal);
        Assert.Contains("-fps_mode passthrough", line, StringComparison.Ordinal);
        // A camera is already real time; -re would only add latency.
        Assert.DoesNotContain("-re", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Rtsp_uses_tcp_and_a_socket_timeout_and_http_a_read_timeout()
    {
        string rtsp = Line(CaptureSpec.Parse("rtsp://cam/s"), _unpaced);
        Assert.Contains("-rtsp_transport tcp -timeout 5000000 -i rtsp://cam/s", rtsp, StringComparison.Ordinal);
        string http = Line(CaptureSpec.Parse("http://cam/v.mjpg"), _unpaced);
        Assert.Contains("-rw_timeout 5000000 -i http://cam/v.mjpg", http, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_plays_its_images_through_a_glob_at_the_chosen_rate()
    {
        var folder = new ImageFolder("/data/shots [1]", [".png"], 3);
        string line = Line(new CaptureSpec(CaptureKind.Folder, folder.Directory), _unpaced with { Loop = true }, folder);
        Assert.Contains(@"-f image2 -pattern_type glob -framerate 25 -loop 1 -i /data/shots \[1\]/*.png", line, StringComparison.Ordinal);
        Assert.Equal("/j/*{.jpeg,.jpg}", new ImageFolder("/j", [".jpeg", ".jpg"], 2).GlobPattern());
    }

    private static string Line(CaptureSpec spec, FfmpegFrameSourceOptions options, ImageFolder? folder = null) =>
        string.Join(' ', FfmpegArguments.Build(spec, options, folder));
}
