using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Capture;

/// <summary>Real ffmpeg runs on lavfi graphs and files made here (no camera exists on CI). Every wait is bounded.</summary>
public sealed class FfmpegFrameSourceTests
{
    // A guard against hangs only, never a performance assertion.
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lavfi_testsrc2_delivers_animated_stamped_frames_at_the_requested_size()
    {
        await Bounded(() =>
        {
            var options = new FfmpegFrameSourceOptions { Width = 160, Height = 120, Paced = false };
            using var source = new FfmpegFrameSource(CaptureSpec.Parse("lavfi:testsrc2=size=320x240:rate=30"), options);
            Assert.Equal((160, 120), (source.Info.Width, source.Info.Height));
            var frame = new CameraFrame(160, 120);
            byte[] first = [];
            long lastTimestamp = 0;
            for (int i = 0; i < 10; i++)
            {
                Assert.True(source.ReadFrame(frame));
                Assert.Equal(i, frame.Sequence);
                Assert.True(frame.CaptureTimestamp > lastTimestamp, $"frame {i} is not stamped later than the one before");
                lastTimestamp = frame.CaptureTimestamp;
                Assert.Equal(i / 30.0, frame.StreamTime, 9);
                Assert.True(IsNonUniform(frame.Pixels), $"frame {i} is uniform");
                Assert.All(AlphaOf(frame.Pixels), a => Assert.Equal(255, a));
                if (i == 0)
                {
                    first = (byte[])frame.Pixels.Clone();
                }
            }

            Assert.NotEqual(first, frame.Pixels);
        });
    }

    [Fact]
    public async Task Steady_state_reading_allocates_nothing()
    {
        await Bounded(() =>
        {
            var options = new FfmpegFrameSourceOptions { Width = 64, Height = 48, Paced = false };
            using var source = new FfmpegFrameSource(CaptureSpec.Parse("lavfi:testsrc2=size=64x48:rate=30"), options);
            var frame = new CameraFrame(64, 48);
            using var cancellation = new CancellationTokenSource();
            for (int i = 0; i < 5; i++)
            {
                Assert.True(source.ReadFrame(frame, cancellation.Token));
            }

            Assert.Equal(0, Allocations.SteadyStateBytes(() => Assert.True(source.ReadFrame(frame, cancellation.Token)), 50));
        });
    }

    [Fact]
    public async Task A_one_second_video_file_ends_after_about_one_second_of_frames()
    {
        using var temp = new TempDirectory("capture");
        string video = Path.Combine(temp.Path, "clip.mp4");
        await Bounded(() =>
        {
            RunFfmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "1", "-pix_fmt", "yuv420p", video);
            var options = new FfmpegFrameSourceOptions { Width = 160, Height = 120, Fps = 30, Paced = false };
            using var source = new FfmpegFrameSource(CaptureSpec.Parse(video), options);
            var frame = new CameraFrame(160, 120);
            int frames = 0;
            while (frames < 1000 && source.ReadFrame(frame))
            {
                Assert.Equal(frames, frame.Sequence);
                frames++;
            }

            Assert.InRange(frames, 20, 40);
            Assert.False(source.ReadFrame(frame));
        });
    }

    [Fact]
    public async Task A_folder_of_three_pngs_plays_them_in_name_order_then_ends()
    {
        using var temp = new TempDirectory("capture");
        byte[][] colours = [[220, 30, 40, 255], [20, 200, 60, 255], [30, 50, 210, 255]];
        // Named out of creation order: the folder plays by name.
        string[] names = ["b.png", "c.png", "a.png"];
        for (int i = 0; i < 3; i++)
        {
            PngCodec.Write(Path.Combine(temp.Path, names[i]), Solid(32, 24, colours[i]), 32, 24, PngPixelFormat.Rgba);
        }

        await Bounded(() =>
        {
            var options = new FfmpegFrameSourceOptions { Width = 32, Height = 24, Fps = 10, Paced = false };
            using var source = new FfmpegFrameSource(CaptureSpec.Parse("folder:" + temp.Path), options);
            var frame = new CameraFrame(32, 24);
            foreach (int expected in (int[])[2, 0, 1])
            {
                Assert.True(source.ReadFrame(frame));
                for (int p = 0; p < frame.Pixels.Length; p += 4)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        Assert.InRange(frame.Pixels[p + c], colours[expected][c] - 2, colours[expected][c] + 2);
                    }
                }
            }

            Assert.Equal(2 / 10.0, frame.StreamTime, 9);
            Assert.False(source.ReadFrame(frame));
        });
    }

    [Fact]
    public void A_missing_file_is_reported_by_name_before_ffmpeg_runs()
    {
        var e = Assert.Throws<CaptureException>(() => new FfmpegFrameSource(new CaptureSpec(CaptureKind.File, "/no/such/walk.mp4")));
        Assert.Equal("video file not found: /no/such/walk.mp4", e.Message);
    }

    [Fact]
    public void A_missing_camera_device_and_an_empty_folder_are_reported_by_name()
    {
        var device = Assert.Throws<CaptureException>(() => new FfmpegFrameSource(CaptureSpec.Parse("v4l2:/dev/video97")));
        Assert.Contains("camera device not found: /dev/video97", device.Message, StringComparison.Ordinal);
        using var temp = new TempDirectory("capture");
        var folder = Assert.Throws<CaptureException>(() => new FfmpegFrameSource(CaptureSpec.Parse("folder:" + temp.Path)));
        Assert.Contains(temp.Path, folder.Message, StringComparison.Ordinal);
        Assert.Contains("no .png", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bogus_lavfi_graph_fails_at_open_with_ffmpegs_own_words()
    {
        await Bounded(() =>
        {
            var e = Assert.Throws<CaptureException>(() => new FfmpegFrameSource(CaptureSpec.Parse("lavfi:nosuchsource=size=8x8")));
            Assert.Contains("lavfi nosuchsource=size=8x8", e.Message, StringComparison.Ordinal);
            Assert.Contains("exit code", e.Message, StringComparison.Ordinal);
            Assert.Contains("nosuchsource", e.Message[e.Message.IndexOf("exit code", StringComparison.Ordinal)..], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_fails_at_open_naming_the_file()
    {
        using var temp = new TempDirectory("capture");
        string bogus = Path.Combine(temp.Path, "notes.mp4");
        File.WriteAllText(bogus, "this is not a video");
        await Bounded(() =>
        {
            var e = Assert.Throws<CaptureException>(() => new FfmpegFrameSource(CaptureSpec.Parse(bogus)));
            Assert.Contains(bogus, e.Message, StringComparison.Ordinal);
            Assert.Contains("ffmpeg failed", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Cancelling_a_read_ends_it_and_dispose_is_idempotent()
    {
        await Bounded(() =>
        {
            // One frame every 10 s, paced: the second read blocks in the pipe until cancellation kills ffmpeg.
            var options = new FfmpegFrameSourceOptions { Width = 32, Height = 24, Paced = true, Fps = 0.1 };
            var source = new FfmpegFrameSource(CaptureSpec.Parse("lavfi:testsrc2=size=32x24:rate=1/10"), options);
            var frame = new CameraFrame(32, 24);
            using var cancellation = new CancellationTokenSource();
            Assert.True(source.ReadFrame(frame, cancellation.Token));
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                // Bounded: a frame that slipped through before the cancellation only adds one more read.
                for (int i = 0; i < 3; i++)
                {
                    source.ReadFrame(frame, cancellation.Token);
                }
            });
            source.Dispose();
            source.Dispose();
            Assert.Throws<ObjectDisposedException>(() => source.ReadFrame(frame));
        });
    }

    private static async Task Bounded(Action test) => await Task.Run(test).WaitAsync(_bound);

    private static void RunFfmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo(FfmpegTool.FindFfmpeg() ?? throw new InvalidOperationException(FfmpegTool.MissingMessage))
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(_bound), "ffmpeg did not finish");
        Assert.True(process.ExitCode == 0, errors);
    }

    private static byte[] Solid(int width, int height, byte[] rgba)
    {
        var pixels = new byte[width * height * 4];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = rgba[i % 4];
        }

        return pixels;
    }

    private static bool IsNonUniform(byte[] pixels)
    {
        for (int i = 4; i < pixels.Length; i++)
        {
            if (pixels[i] != pixels[i % 4])
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<byte> AlphaOf(byte[] pixels)
    {
        for (int i = 3; i < pixels.Length; i += 4)
        {
            yield return pixels[i];
        }
    }
}
