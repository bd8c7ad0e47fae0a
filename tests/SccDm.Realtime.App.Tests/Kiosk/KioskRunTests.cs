using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Testing;

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
        using var temp = new TempDirectory("kiosk");
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
        using var temp = new TempDirectory("kiosk");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = KioskApp.RunHeadless(new KioskOptions { Headless = true, Frames = 3, OutDirectory = temp.Path }, new AppConfig { Synthesizer = "stand-in" }, TextWriter.Null, TextWriter.Null, cancelled.Token);
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
    }

    [Fact]
    public void Unknown_source_is_a_usage_error_with_one_line()
    {
        using var temp = new TempDirectory("kiosk");
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
        using var temp = new TempDirectory("kiosk");
        string shot = Path.Combine(temp.Path, "shot.png");
        var (result, stderr) = RunWindow(
            new KioskOptions { Validation = true, Frames = 30, ScreenshotPath = shot },
            new AppConfig { Synthesizer = "stand-in" });
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.Empty(result.ValidationMessages);
        Assert.Equal(0, result.LiveVulkanObjects);
        Assert.Equal(30, result.Frames);
        var png = PngCodec.Read(shot, PngPixelFormat.Rgba);
        Assert.Equal((1280, 720), (png.Width, png.Height));
        Assert.True(ImageAssert.DistinctColours(png.Pixels) > 100, "the screenshot looks uniform");
    }

    [DisplayFact]
    public void Screenshot_matches_the_offscreen_composition_of_the_same_frame()
    {
        using var temp = new TempDirectory("kiosk");
        string shot = Path.Combine(temp.Path, "shot.png");
        const int frames = 20;
        byte[]? offscreen = null;
        using var compositor = new KioskCompositor();
        var (result, stderr) = RunWindow(
            new KioskOptions
            {
                Validation = true,
                Frames = frames,
                ScreenshotPath = shot,
                BeforePresent = (scene, e) =>
                {
                    if (e.FrameNumber == frames)
                    {
                        // The same scene, composed by a fresh compositor into plain memory, as headless does.
                        offscreen = new byte[e.Width * e.Height * 4];
                        compositor.Compose(scene, offscreen, e.Width, e.Height);
                    }
                },
            },
            new AppConfig { Synthesizer = "stand-in" });
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.NotNull(offscreen);
        var png = PngCodec.Read(shot, PngPixelFormat.Rgba);
        Assert.Equal((1280, 720), (png.Width, png.Height));
        Assert.True(ImageAssert.DistinctColours(offscreen) > 100, "the offscreen composition looks uniform");
        // Both come from the same scene: they may differ only by rounding in the present path (none on the copy path).
        int differing = ImageAssert.PixelsDifferingBy(png.Pixels, offscreen, tolerance: 2);
        Assert.True(differing <= png.Width * png.Height / 1000, $"{differing} pixels differ by more than 2 levels between the screenshot and the offscreen composition");
    }

    [DisplayFact]
    public void Window_with_a_corrupt_model_stays_up_with_the_error_panel_and_exits_4()
    {
        using var temp = new TempDirectory("kiosk");
        string shot = Path.Combine(temp.Path, "fault.png");
        var (result, stderr) = RunWindow(
            new KioskOptions { Validation = true, Frames = 15, ScreenshotPath = shot },
            new AppConfig { Model = Path.Combine(Verbs.FixturePaths.Root, "truncated.onnx") });
        Assert.Equal(ExitCodes.BadModel, result.ExitCode);
        Assert.Equal(15, result.Frames);
        Assert.Empty(result.ValidationMessages);
        Assert.Equal(0, result.LiveVulkanObjects);
        string error = stderr.Trim();
        Assert.DoesNotContain("\n", error);
        Assert.Contains("truncated.onnx", error);
        var png = PngCodec.Read(shot, PngPixelFormat.Rgba);
        var square = KioskLayout.For(1280, 720).XrayImageArea.Fit(1, 1);
        uint red = KioskPalette.Red;
        int redPixels = ImageAssert.CountColour(png.Pixels, 1280, square, ((byte)(red >> 24), (byte)(red >> 16), (byte)(red >> 8)));
        Assert.True(redPixels > 4 * square.W, $"{redPixels} red pixels in the X-ray panel: no error panel in the window");
    }

    [DisplayFact]
    public void Window_on_the_shipped_model_leaves_no_live_Vulkan_objects_at_shutdown()
    {
        var (result, stderr) = RunWindow(
            new KioskOptions { Validation = true, Frames = 20, Steps = 2 },
            new AppConfig());
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.Empty(result.ValidationMessages);
        // Window device (swapchain, presenter, surface) and the synthesizer's device (sampler kernels, buffers).
        Assert.Equal(0, result.LiveVulkanObjects);
    }

    [Fact]
    public void Run_without_a_display_says_to_use_headless()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sccdm.dll"), "run", "--source", "phantom"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        using var process = System.Diagnostics.Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(ExitCodes.MissingDependency, process.ExitCode);
        Assert.Equal("", stdout);
        string line = stderr.Trim();
        Assert.DoesNotContain("\n", line);
        Assert.Contains("no display", line);
        Assert.Contains("--headless", line);
    }

    [DisplayFact]
    public void Resizing_the_window_mid_run_recreates_the_swapchain_cleanly()
    {
        using var temp = new TempDirectory("kiosk");
        string shot = Path.Combine(temp.Path, "resized.png");
        var (result, stderr) = RunWindow(
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
            new AppConfig { Synthesizer = "stand-in" });
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
        using var temp = new TempDirectory("kiosk");
        var shots = new List<byte[]>();
        foreach (bool copy in new[] { true, false })
        {
            string shot = Path.Combine(temp.Path, copy ? "copy.png" : "draw.png");
            var (result, stderr) = RunWindow(
                new KioskOptions { Validation = true, Frames = 10, ScreenshotPath = shot, PreferCopy = copy },
                new AppConfig { Synthesizer = "stand-in" });
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

    /// <summary>Runs the kiosk window with no console output and no cancellation; returns what it wrote to stderr.</summary>
    private static (KioskRunResult Result, string Errors) RunWindow(KioskOptions options, AppConfig config)
    {
        var stderr = new StringWriter();
        var result = KioskApp.RunWindowed(options, config, TextWriter.Null, stderr, CancellationToken.None);
        return (result, stderr.ToString());
    }
}
