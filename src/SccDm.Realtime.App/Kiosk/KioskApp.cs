using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Runs the kiosk: in a GLFW window with a Vulkan swapchain (<see cref="RunWindowed"/>), or offscreen into PNG
/// files (<see cref="RunHeadless"/>). Both compose the same view with the same code. Failures a user can fix end in
/// one line that says what to install or change, never a stack trace.
/// </summary>
internal static class KioskApp
{
    /// <summary>The environment variable that turns Vulkan validation on (like the hidden --validation option).</summary>
    public const string ValidationEnvironmentVariable = "SCCDM_VALIDATION";

    /// <summary>True when SCCDM_VALIDATION is 1/true.</summary>
    public static bool ValidationFromEnvironment() =>
        Environment.GetEnvironmentVariable(ValidationEnvironmentVariable) is "1" or "true" or "TRUE" or "yes";

    /// <summary>True when an X display is configured.</summary>
    public static bool HasDisplay() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));

    /// <summary>Opens the window and runs until quit, the frame limit, the end of a signal, or a failure.</summary>
    public static KioskRunResult RunWindowed(KioskOptions options, AppConfig config, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        GpuDevice? device = null;
        try
        {
            Glfw.InitOrThrow();
        }
        catch (Exception e) when (e is GlfwException or DllNotFoundException)
        {
            return Fail(stderr, ExitCodes.MissingDependency, $"{e.Message} {NoWindowHint}");
        }

        try
        {
            if (!Glfw.VulkanSupported())
            {
                return Fail(stderr, ExitCodes.MissingDependency, "GLFW found no Vulkan loader it can create window surfaces with: install libvulkan1 and mesa-vulkan-drivers (run .ci/setup).");
            }

            using var window = KioskWindow.Create(options.Width, options.Height, "SCCDM kiosk — synthetic images, not for diagnosis", options.Fullscreen);
            device = GpuDevice.Create(new GpuDeviceOptions
            {
                EnableValidation = options.Validation,
                ApplicationName = "sccdm kiosk",
                RequiredInstanceExtensions = Glfw.GetRequiredInstanceExtensions(),
                RequiredDeviceExtensions = [Vk.KhrSwapchainExtensionName],
            });
            int created = Glfw.CreateWindowSurface(device.Instance.Handle, window.Handle, 0, out ulong surfaceHandle);
            ((Result)created).Check("glfwCreateWindowSurface");
            var presenter = SurfacePresenter.Create(device, new SurfaceKHR(surfaceHandle), new SurfacePresenterOptions { Vsync = options.Vsync, AllowReadback = true, PreferCopy = options.PreferCopy });
            KioskRunResult result;
            IReadOnlyList<string> synthesisMessages;
            long synthesisLiveObjects;
            try
            {
                string display = $"Vulkan {device.DeviceName}";
                using var session = KioskSession.Open(options, config, paced: true, display, stdout, stayUpWithoutModel: true);
                using (var recorder = OpenRecorder(options, session, config, realTime: true, stdout, stderr))
                {
                    result = Loop(options, window, presenter, session, recorder, stdout, stderr, cancellation);
                    recorder.Dispose();
                    PrintRecordings(stdout, recorder);
                    result = result with { Recordings = [.. recorder.Sessions.Select(s => s.Folder)] };
                }

                session.Dispose();
                synthesisMessages = session.SynthesizerValidationMessages;
                synthesisLiveObjects = session.SynthesizerLiveVulkanObjects;
                PrintSummary(stdout, session, result);
            }
            finally
            {
                presenter.Dispose();
            }

            // Leaks are reported when the device is destroyed, so collect the messages and counts after that.
            device.Dispose();
            long liveObjects = device.LiveObjectCount + synthesisLiveObjects;
            if (liveObjects != 0)
            {
                stderr.WriteLine($"sccdm: {liveObjects} Vulkan object(s) were still alive after shutdown (a leak in sccdm; please report it).");
            }

            result = result with { LiveVulkanObjects = liveObjects };
            var messages = device.ValidationMessages.Concat(synthesisMessages).ToList();
            if (options.Validation && messages.Count > 0)
            {
                stderr.WriteLine($"sccdm: {messages.Count} Vulkan validation message(s):");
                foreach (string m in messages)
                {
                    stderr.WriteLine("  " + m);
                }

                return result with { ExitCode = result.ExitCode == ExitCodes.Ok ? ExitCodes.Failure : result.ExitCode, ValidationMessages = messages };
            }

            return result with { ValidationMessages = messages };
        }
        catch (Exception e) when (DescribeStartupFailure(e) is { } failure)
        {
            return Fail(stderr, failure.ExitCode, failure.Message);
        }
        finally
        {
            device?.Dispose();
            Glfw.Terminate();
        }
    }

    private static KioskRunResult Loop(KioskOptions options, KioskWindow window, SurfacePresenter presenter, KioskSession session, KioskRecorder recorder, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var input = new WindowInput(session, presenter);
        window.SetEvents(input);
        var view = session.View;
        var meters = session.Meters;
        meters.Profiler.NameCurrentThread("display");
        session.Pipeline.Start();

        int? limit = options.Frames ?? (options.ScreenshotPath is not null ? 90 : null);
        long interval = options.MaxFps > 0 ? (long)(Stopwatch.Frequency / options.MaxFps) : 0;
        long nextDue = Stopwatch.GetTimestamp();
        long lastPresent = 0;
        long frames = 0;
        bool interrupted = false;
        PresentFrame lastFrame = default;
        while (true)
        {
            Glfw.PollEvents();
            window.ThrowIfCallbackFailed();
            if (cancellation.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            if (window.ShouldClose || input.Quit)
            {
                break;
            }

            if (input.TakeFullscreenToggle())
            {
                window.ToggleFullscreen();
                continue;
            }

            window.GetFramebufferSize(out int fbWidth, out int fbHeight);
            long acquireStart = Stopwatch.GetTimestamp();
            if (!presenter.TryBeginFrame(fbWidth, fbHeight, out var frame))
            {
                // Minimized or a fresh swapchain: nothing to draw this turn. Sleep on events rather than spin.
                Glfw.WaitEventsTimeout(fbWidth == 0 || fbHeight == 0 ? 0.1 : 0.001);
                continue;
            }

            long composeStart = Stopwatch.GetTimestamp();
            long frameId = frames;
            if (frames == 0)
            {
                // Known only once the first swapchain exists.
                view.Display = $"{view.Display}  ·  {PresentModeName(presenter)}  ·  {(presenter.UsesCopy ? "copy" : "draw")}";
            }

            view.Update(composeStart);
            recorder.Sync(frame.Width, frame.Height);
            var scene = view.Scene;
            window.GetCursorInPixels(input.CursorX, input.CursorY, out double cursorX, out double cursorY);
            scene.HoverKeypoint = input.HasCursor ? session.Compositor.HitTestKeypoint(scene, cursorX, cursorY) : -1;
            scene.CursorX = cursorX;
            scene.CursorY = cursorY;
            session.Compositor.Compose(scene, frame.PixelSpan, frame.Width, frame.Height);
            long composed = Stopwatch.GetTimestamp();
            // Before the swap below, so the recording gets RGBA; timed as its own stage ("record").
            if (recorder.Composed(frame.PixelSpan, frame.Width, frame.Height, composeStart, composed))
            {
                meters.Record(meters.RecordStage, meters.RecordMs, frameId, composed, Stopwatch.GetTimestamp());
            }
            if (frame.Bgra)
            {
                // The copy path into a BGRA swapchain takes the bytes as they are.
                PresentFrame.SwapRedBlue(frame.PixelSpan);
            }

            long composeEnd = Stopwatch.GetTimestamp();
            meters.Record(meters.ComposeStage, meters.ComposeMs, frameId, composeStart, composeEnd);

            options.BeforePresent?.Invoke(scene, new KioskFrameEvent(frames + 1, window.Handle, frame.Width, frame.Height));
            bool last = limit is { } n && frames + 1 >= n;
            presenter.EndFrame(readback: last && options.ScreenshotPath is not null);
            long presentEnd = Stopwatch.GetTimestamp();
            // Present = waiting for a free slot and the image (before compose) + record, submit and present (after).
            long presentTicks = (composeStart - acquireStart) + (presentEnd - composeEnd);
            meters.Record(meters.PresentStage, meters.PresentMs, frameId, presentEnd - presentTicks, presentEnd);
            recorder.Presented(presentEnd, KioskMeters.Ms(0, presentTicks));
            lastFrame = frame;
            frames++;
            view.AfterPresent(presentEnd);
            if (lastPresent != 0)
            {
                view.AddFrameInterval(KioskMeters.Ms(lastPresent, presentEnd), presentEnd);
            }

            lastPresent = presentEnd;
            options.AfterFrame?.Invoke(new KioskFrameEvent(frames, window.Handle, frame.Width, frame.Height));
            if (last)
            {
                break;
            }

            if (interval > 0)
            {
                // Pace the display (it never waits for synthesis); wake early for input.
                nextDue = Math.Max(nextDue + interval, presentEnd - interval);
                long wait = nextDue - Stopwatch.GetTimestamp();
                if (wait > Stopwatch.Frequency / 2000)
                {
                    Glfw.WaitEventsTimeout((double)wait / Stopwatch.Frequency);
                }
            }
        }

        session.Pipeline.Stop();
        presenter.WaitIdle();
        string? screenshot = null;
        if (options.ScreenshotPath is { } path && frames > 0)
        {
            screenshot = WriteScreenshot(path, presenter, lastFrame, stdout, stderr);
            if (screenshot is null)
            {
                return new KioskRunResult { ExitCode = ExitCodes.Io, Frames = frames, SwapchainRecreations = presenter.Recreations };
            }
        }

        int faultExit = ReportFaults(session.Pipeline, stderr);
        int exit = interrupted ? ExitCodes.Interrupted : faultExit;

        return new KioskRunResult
        {
            ExitCode = exit,
            Frames = frames,
            SwapchainRecreations = presenter.Recreations,
            Screenshot = screenshot,
            Width = lastFrame.Width,
            Height = lastFrame.Height,
        };
    }

    private static string? WriteScreenshot(string path, SurfacePresenter presenter, PresentFrame lastFrame, TextWriter stdout, TextWriter stderr)
    {
        byte[] pixels;
        int width, height;
        string origin;
        if (presenter.TryReadLastReadback(out pixels, out width, out height))
        {
            origin = "read back from the swapchain image";
        }
        else
        {
            // The surface does not allow reading its images: save the composed buffer that was presented.
            width = lastFrame.Width;
            height = lastFrame.Height;
            pixels = lastFrame.PixelSpan.ToArray();
            if (lastFrame.Bgra)
            {
                PresentFrame.SwapRedBlue(pixels);
            }

            origin = "the composed frame (the surface does not allow readback)";
        }

        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            PngCodec.Write(path, pixels, width, height, PngPixelFormat.Rgba);
            stdout.WriteLine($"screenshot: {Path.GetFullPath(path)} ({width}×{height}, {origin})");
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PngException)
        {
            stderr.WriteLine($"sccdm: could not write the screenshot {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Composes <see cref="KioskOptions.Frames"/> frames offscreen and writes them as PNGs; no window, no Vulkan.</summary>
    public static KioskRunResult RunHeadless(KioskOptions options, AppConfig config, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string outDir = options.OutDirectory ?? Path.Combine(Environment.CurrentDirectory, "sccdm-demo-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        int count = options.Frames ?? 60;
        // A headless recording is the output: PNG frames only when asked for with --out.
        bool writePngs = options.RecordDirectory is null || options.OutDirectory is not null;
        try
        {
            if (writePngs)
            {
                Directory.CreateDirectory(outDir);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(stderr, ExitCodes.Io, $"cannot create the output folder {outDir}: {e.Message}");
        }

        try
        {
            using var session = KioskSession.Open(options with { SimulateModelCost = false }, config, paced: false, "headless (no window)", stdout, stayUpWithoutModel: true);
            using var recorder = OpenRecorder(options, session, config, realTime: false, stdout, stderr);
            var view = session.View;
            var meters = session.Meters;
            int width = options.Width, height = options.Height;
            var canvas = new byte[width * height * 4];
            long written = 0;
            long lastFrameEnd = 0;
            bool interrupted = false;
            for (int i = 0; i < count; i++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                recorder.Sync(width, height);
                if (!session.Pipeline.CaptureOnce(cancellation))
                {
                    break;
                }

                session.Pipeline.SynthesizeOnce();
                long start = Stopwatch.GetTimestamp();
                view.Update(start);
                session.Compositor.Compose(view.Scene, canvas, width, height);
                long end = Stopwatch.GetTimestamp();
                meters.Record(meters.ComposeStage, meters.ComposeMs, i, start, end);
                if (recorder.Composed(canvas, width, height, start, end))
                {
                    recorder.Presented(end, 0);
                    meters.Record(meters.RecordStage, meters.RecordMs, i, end, Stopwatch.GetTimestamp());
                }
                if (writePngs)
                {
                    string file = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"frame_{i:D4}.png"));
                    PngCodec.Write(file, canvas, width, height, PngPixelFormat.Rgba);
                }

                long written_ = Stopwatch.GetTimestamp();
                view.AfterPresent(written_);
                if (lastFrameEnd != 0)
                {
                    view.AddFrameInterval(KioskMeters.Ms(lastFrameEnd, written_), written_);
                }

                lastFrameEnd = written_;
                written++;
                options.AfterFrame?.Invoke(new KioskFrameEvent(written, 0, width, height));
            }

            recorder.Sync(width, height);
            recorder.Dispose();
            stdout.WriteLine(writePngs
                ? $"demo: wrote {written} frame(s) of {width}×{height} to {Path.GetFullPath(outDir)}"
                : $"demo: composed {written} frame(s) of {width}×{height} into the recording (add --out DIR for PNG frames too)");
            PrintRecordings(stdout, recorder);
            // Frames are written with the error panel while the model or synthesis is broken; the exit code says so.
            int faultExit = ReportFaults(session.Pipeline, stderr);
            var result = new KioskRunResult
            {
                ExitCode = interrupted ? ExitCodes.Interrupted : faultExit,
                Frames = written,
                OutDirectory = writePngs ? Path.GetFullPath(outDir) : null,
                Recordings = [.. recorder.Sessions.Select(s => s.Folder)],
                Width = width,
                Height = height,
            };
            PrintSummary(stdout, session, result);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PngException)
        {
            return Fail(stderr, ExitCodes.Io, $"cannot write frames into {outDir}: {e.Message}");
        }
        catch (Exception e) when (DescribeStartupFailure(e) is { } failure)
        {
            return Fail(stderr, failure.ExitCode, failure.Message);
        }
    }

    /// <summary>
    /// The exit code and one-line message for failures a user can fix (missing packages, bad models, bad
    /// --source); null for anything else, which is a bug and keeps its stack trace.
    /// </summary>
    public static (int ExitCode, string Message)? DescribeStartupFailure(Exception e) => e switch
    {
        GpuUnavailableException => (ExitCodes.MissingDependency, e.Message),
        GlfwException => (ExitCodes.MissingDependency, e.Message),
        FontUnavailableException => (ExitCodes.MissingDependency, e.Message),
        OrtUnavailableException => (ExitCodes.MissingDependency, e.Message),
        DllNotFoundException => (ExitCodes.MissingDependency, e.Message),
        ModelLoadException or ModelContractException => (ExitCodes.BadModel, e.Message),
        FrameSourceException => (ExitCodes.Usage, e.Message),
        AppConfigException => (ExitCodes.Usage, e.Message),
        VulkanException when e.Message.Contains("SURFACE", StringComparison.OrdinalIgnoreCase) =>
            (ExitCodes.MissingDependency, $"{e.Message}: the display cannot show Vulkan output; check `sccdm doctor`."),
        _ => null,
    };

    /// <summary>The kiosk's recorder: recording from the start with --record DIR, otherwise when R is pressed.</summary>
    private static KioskRecorder OpenRecorder(KioskOptions options, KioskSession session, AppConfig config, bool realTime, TextWriter stdout, TextWriter stderr)
    {
        var recorder = new KioskRecorder(session, config, options.RecordDirectory ?? KioskRecorder.DefaultFolder(), realTime, stdout, stderr);
        session.Controls.Recording = options.RecordDirectory is not null;
        return recorder;
    }

    private static void PrintRecordings(TextWriter stdout, KioskRecorder recorder)
    {
        foreach (string line in recorder.Summary())
        {
            stdout.WriteLine(line);
        }
    }

    private static string PresentModeName(SurfacePresenter presenter) => presenter.PresentMode switch
    {
        PresentModeKHR.FifoKhr => "FIFO (vsync)",
        PresentModeKHR.MailboxKhr => "MAILBOX",
        PresentModeKHR.ImmediateKhr => "IMMEDIATE",
        var other => other.ToString(),
    };

    private static void PrintSummary(TextWriter stdout, KioskSession session, KioskRunResult result)
    {
        var meters = session.Meters;
        double displayFps = meters.DisplayIntervalMs.Count > 1 ? 1000.0 / Median(meters.DisplayIntervalMs) : 0;
        stdout.WriteLine(FormattableString.Invariant($"kiosk: {result.Frames} frame(s), display {displayFps:0.0} fps (median interval), {meters.SynthesisResults.Count} synthesis result(s), swapchain recreated {result.SwapchainRecreations}×"));
        foreach (string line in session.Summary())
        {
            stdout.WriteLine(line);
        }
    }

    private static double Median(RollingWindow window)
    {
        Span<double> values = stackalloc double[256];
        int n = window.CopyLast(values);
        if (n == 0)
        {
            return double.NaN;
        }

        values[..n].Sort();
        return values[n / 2];
    }

    /// <summary>What to do when there is no window to open.</summary>
    public const string NoWindowHint = "Or use --headless to write the frames as PNG files without a window.";

    /// <summary>
    /// At the end of a run: says on <paramref name="stderr"/> which part stopped (the kiosk stayed up and showed it
    /// in an error panel) and returns the exit code that gives, or <see cref="ExitCodes.Ok"/>.
    /// </summary>
    private static int ReportFaults(KioskPipeline pipeline, TextWriter stderr)
    {
        int exit = ExitCodes.Ok;
        foreach (var fault in new[] { pipeline.CaptureFault is { } c ? KioskFault.ForCapture(c) : null, pipeline.SynthesisFault is { } s ? KioskFault.ForSynthesis(s) : null })
        {
            if (fault is not null)
            {
                stderr.WriteLine($"sccdm: {fault.OneLine} (the kiosk stayed up and showed this in an error panel).");
                exit = fault.ExitCode;
            }
        }

        return exit;
    }

    private static KioskRunResult Fail(TextWriter stderr, int exitCode, string message)
    {
        stderr.WriteLine($"sccdm: {message}");
        return new KioskRunResult { ExitCode = exitCode };
    }

    /// <summary>Routes window input to the session's state.</summary>
    private sealed class WindowInput(KioskSession session, SurfacePresenter presenter) : IKioskWindowEvents
    {
        private bool _toggleFullscreen;

        public bool Quit { get; private set; }

        public bool HasCursor { get; private set; }

        public double CursorX { get; private set; } = -1;

        public double CursorY { get; private set; } = -1;

        public bool TakeFullscreenToggle()
        {
            bool toggle = _toggleFullscreen;
            _toggleFullscreen = false;
            return toggle;
        }

        public void OnKey(int key, int action, int mods)
        {
            switch (KioskInput.HandleKey(key, action, session.Controls, session.View.Scene))
            {
                case KioskAction.Quit:
                    Quit = true;
                    break;
                case KioskAction.ToggleFullscreen:
                    _toggleFullscreen = true;
                    break;
            }

            session.View.InvalidateHud();
        }

        public void OnCursor(double x, double y)
        {
            HasCursor = true;
            CursorX = x;
            CursorY = y;
        }

        public void OnFramebufferResized(int width, int height) => presenter.RequestRecreate();
    }
}
