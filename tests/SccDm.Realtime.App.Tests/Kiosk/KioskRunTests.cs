using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>
/// End-to-end runs of the kiosk: headless through the command line, and the window under Xvfb with Vulkan
/// validation on. One class, so the window runs never overlap (GLFW is process-global).
/// </summary>
[Collection(DisplayCollection.Name)]
public sealed class KioskRunTests
{
    [Fact]
    public void Headless_demo_writes_the_composed_frames_as_png()
    {
        using var temp = new KioskTempDirectory();
        string outDir = Path.Combine(temp.Path, "frames");
        int exit = Cli.Run(["demo", "--headless", "--frames", "5", "--out", outDir]);
        Assert.Equal(ExitCodes.Ok, exit);
        var files = Directory.GetFiles(outDir, "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, files.Length);
        var layout = KioskLayout.For(1280, 720);
        var square = layout.XrayImageArea.Fit(1, 1);
        int band = square.H / 10;
        foreach (string file in files)
        {
            var png = PngCodec.Read(file, PngPixelFormat.Rgba);
            Assert.Equal((1280, 720), (png.Width, png.Height));
            Assert.True(ImageAssert.DistinctColours(png.Pixels) > 100, $"{file} looks uniform");
            Assert.True(ImageAssert.BrightPixels(png.Pixels, png.Width, square.X, square.Bottom - band, square.W, band) > 100, $"{file}: no watermark text");
        }
    }

    [Fact]
    public void Headless_run_stopped_by_a_signal_exits_130()
    {
        using var temp = new KioskTempDirectory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = KioskApp.RunHeadless(new KioskOptions { Headless = true, Frames = 3, OutDirectory = temp.Path }, new AppConfig { Synthesizer = "stand-in" }, TextWriter.Null, TextWriter.Null, cancelled.Token);
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
    }

    [Fact]
    public void Unknown_source_is_a_usage_error_with_one_line()
    {
        using var temp = new KioskTempDirectory();
        var stderr = new StringWriter();
        var result = KioskApp.RunHeadless(new KioskOptions { Source = "gopher://camera", Headless = true, Frames = 1, OutDirectory = temp.Path }, new AppConfig { Synthesizer = "stand-in" }, TextWriter.Null, stderr, CancellationToken.None);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        string message = stderr.ToString().Trim();
        Assert.DoesNotContain("\n", message);
        Assert.Contains("unknown source", message);
    }

    [DisplayFact]
    public void Window_presents_under_validation_and_saves_a_screenshot()
    {
        using var temp = new KioskTempDirectory();
        string shot = Path.Combine(temp.Path, "shot.png");
        var stderr = new StringWriter();
        var result = KioskApp.RunWindowed(
            new KioskOptions { Validation = true, Frames = 30, ScreenshotPath = shot },
            new AppConfig { Synthesizer = "stand-in" },
            TextWriter.Null,
            stderr,
            CancellationToken.None);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.Empty(result.ValidationMessages);
        Assert.Equal(30, result.Frames);
        var png = PngCodec.Read(shot, PngPixelFormat.Rgba);
        Assert.Equal((1280, 720), (png.Width, png.Height));
        Assert.True(ImageAssert.DistinctColours(png.Pixels) > 100, "the screenshot looks uniform");
    }

    [DisplayFact]
    public void Resizing_the_window_mid_run_recreates_the_swapchain_cleanly()
    {
        using var temp = new KioskTempDirectory();
        string shot = Path.Combine(temp.Path, "resized.png");
        var stderr = new StringWriter();
        var result = KioskApp.RunWindowed(
            new KioskOptions
            {
                Validation = true,
                Frames = 40,
                ScreenshotPath = shot,
                AfterFrame = e =>
                {
                    if (e.FrameNumber == 5)
                    {
                        Glfw.SetWindowSize(e.Window, 900, 560);
                    }
                },
            },
            new AppConfig { Synthesizer = "stand-in" },
            TextWriter.Null,
            stderr,
            CancellationToken.None);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.Empty(result.ValidationMessages);
        Assert.True(result.SwapchainRecreations >= 1, "the swapchain was never recreated");
        Assert.Equal((900, 560), (result.Width, result.Height));
        var png = PngCodec.Read(shot, PngPixelFormat.Rgba);
        Assert.Equal((900, 560), (png.Width, png.Height));
    }

    [DisplayFact]
    public void Copy_and_draw_present_paths_show_the_same_pixels()
    {
        using var temp = new KioskTempDirectory();
        var shots = new List<byte[]>();
        foreach (bool copy in new[] { true, false })
        {
            string shot = Path.Combine(temp.Path, copy ? "copy.png" : "draw.png");
            var stderr = new StringWriter();
            var result = KioskApp.RunWindowed(
                new KioskOptions { Validation = true, Frames = 10, ScreenshotPath = shot, PreferCopy = copy },
                new AppConfig { Synthesizer = "stand-in" },
                TextWriter.Null,
                stderr,
                CancellationToken.None);
            Assert.True(result.ExitCode == ExitCodes.Ok, $"{(copy ? "copy" : "draw")}: exit {result.ExitCode}: {stderr}");
            Assert.Empty(result.ValidationMessages);
            shots.Add(PngCodec.Read(shot, PngPixelFormat.Rgba).Pixels);
        }

        // The title bar does not change between runs: both paths must deliver the composed bytes exactly.
        var title = KioskLayout.For(1280, 720).Title;
        Assert.Equal(0, ImageAssert.DifferingPixels(shots[0], shots[1], 1280, 0, 0, 1280, title.H - 1));
        uint bar = KioskPalette.TitleBar;
        Assert.Equal(((byte)(bar >> 24), (byte)(bar >> 16), (byte)(bar >> 8)), ImageAssert.Pixel(shots[0], 1280, 4, 4));
    }
}
