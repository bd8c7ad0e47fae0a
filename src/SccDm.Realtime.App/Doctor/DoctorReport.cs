using SccDm.Realtime.Capture;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App.Doctor;

/// <summary>Checks everything the kiosk needs and says what fixes each gap. Never throws.</summary>
internal static class DoctorReport
{
    /// <summary>Runs every check.</summary>
    public static IReadOnlyList<DoctorCheck> Run(AppConfig config)
    {
        var checks = new List<DoctorCheck>();
        checks.AddRange(Safe("Vulkan", VulkanChecks.Run));
        checks.AddRange(Safe("ONNX Runtime", () => OnnxRuntime(config)));
        checks.AddRange(Safe("ffmpeg", Ffmpeg));
        checks.AddRange(Safe("Cameras", Cameras));
        checks.AddRange(Safe("Display", Display));
        checks.AddRange(Safe("Font", Font));
        checks.AddRange(Safe("Models", () => Models(config)));
        checks.Add(new DoctorCheck("Config", CheckStatus.Ok,
            config.LoadedFrom is { } from ? $"read {from}" : $"no file (defaults); would read {AppConfig.DefaultPath()}"));
        return checks;
    }

    private static IEnumerable<DoctorCheck> Safe(string area, Func<IEnumerable<DoctorCheck>> check)
    {
        try
        {
            return check().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [new DoctorCheck(area, CheckStatus.Missing, $"check failed: {e.Message}", "see the README's troubleshooting section")];
        }
    }

    private static IEnumerable<DoctorCheck> OnnxRuntime(AppConfig config)
    {
        if (config.OrtPath is { } configured)
        {
            OrtLibrary.ConfiguredPath = configured;
        }
        if (!OrtLibrary.TryLoad(out string? reason))
        {
            yield return new DoctorCheck("ONNX Runtime", CheckStatus.Missing, reason ?? "not found",
                "run .ci/setup (ONNX Runtime 1.30 from npm onnxruntime-node) or set SCCDM_ORT_PATH");
            yield break;
        }
        yield return new DoctorCheck("ONNX Runtime", CheckStatus.Ok, $"{OrtLibrary.Version} (C API {OrtLibrary.ApiVersion}) from {OrtLibrary.LoadedFrom}");
        string[] providers = SessionOptions.GetAvailableProviders();
        yield return new DoctorCheck("ORT providers", CheckStatus.Ok, $"built in: {string.Join(", ", providers)}");
        using var options = new SessionOptions();
        ExecutionProviderChoice cuda = ExecutionProviderPolicy.Apply(options, ExecutionProviderRequest.Cuda);
        yield return cuda.Provider == ExecutionProviderKind.Cuda
            ? new DoctorCheck("CUDA", CheckStatus.Ok, cuda.Reason)
            : new DoctorCheck("CUDA", CheckStatus.Warn, cuda.Reason, "optional: the CPU provider is used");
    }

    private static IEnumerable<DoctorCheck> Ffmpeg()
    {
        string? version = FfmpegTool.Version();
        yield return version is null
            ? new DoctorCheck("ffmpeg", CheckStatus.Warn, "not found: camera capture and recording are unavailable (the phantom camera still works)", "apt-get install ffmpeg (run .ci/setup)")
            : new DoctorCheck("ffmpeg", CheckStatus.Ok, version);
    }

    private static IEnumerable<DoctorCheck> Cameras()
    {
        IReadOnlyList<CaptureDevice> devices = CaptureDevices.ListV4l2();
        if (devices.Count == 0)
        {
            yield return new DoctorCheck("Cameras", CheckStatus.Warn, "no V4L2 camera (/dev/video* absent): the phantom camera, files, folders and streams still work",
                "plug in a UVC camera, or use --source lavfi:testsrc2 / a video file");
            yield break;
        }
        foreach (CaptureDevice d in devices)
        {
            string formats = d.Formats.Count == 0 ? "formats unknown" : string.Join("; ", d.Formats.Take(4)) + (d.Formats.Count > 4 ? $"; … ({d.Formats.Count} in all)" : "");
            yield return new DoctorCheck("Camera", CheckStatus.Ok, $"{d.Path}: {formats} (use --source v4l2:{d.Path})");
        }
    }

    private static IEnumerable<DoctorCheck> Display()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY");
        if (string.IsNullOrEmpty(display))
        {
            yield return new DoctorCheck("Display", CheckStatus.Warn, "no DISPLAY: the demo runs headless and writes PNG frames",
                "for a window: run on a desktop, or under xvfb-run -a");
            yield break;
        }
        string detail;
        CheckStatus status;
        try
        {
            if (Glfw.Init())
            {
                bool vulkan = Glfw.VulkanSupported();
                status = vulkan ? CheckStatus.Ok : CheckStatus.Warn;
                detail = $"DISPLAY={display}, GLFW {Glfw.GetVersionString()}, Vulkan surfaces {(vulkan ? "supported" : "NOT supported")}";
                Glfw.Terminate();
            }
            else
            {
                status = CheckStatus.Warn;
                detail = $"DISPLAY={display} but GLFW could not open it: {Glfw.GetError().Description}";
            }
        }
        catch (DllNotFoundException)
        {
            status = CheckStatus.Warn;
            detail = "libglfw.so.3 is missing: no window, headless only";
        }
        yield return new DoctorCheck("Display", status, detail, status == CheckStatus.Ok ? "" : "apt-get install libglfw3 xvfb (run .ci/setup)");
    }

    private static IEnumerable<DoctorCheck> Font()
    {
        using TextRasterizer text = TextRasterizer.CreateDefault(16);
        yield return new DoctorCheck("Font", CheckStatus.Ok, $"FreeType with {text.FontPath}");
    }

    private static IEnumerable<DoctorCheck> Models(AppConfig config)
    {
        var paths = new List<(string Role, string Path)>
        {
            ("denoiser", BundledPaths.Denoiser(config)),
            ("keypoints", BundledPaths.Keypoints(config)),
        };
        if (Directory.Exists(BundledPaths.ModelsDirectory))
        {
            foreach (string extra in Directory.GetFiles(BundledPaths.ModelsDirectory, "*.onnx").Order(StringComparer.Ordinal))
            {
                if (!paths.Any(p => Path.GetFullPath(p.Path) == Path.GetFullPath(extra)))
                {
                    paths.Add(("other", extra));
                }
            }
        }
        foreach ((string role, string path) in paths)
        {
            if (!File.Exists(path))
            {
                yield return new DoctorCheck($"Model ({role})", CheckStatus.Missing, $"{path} not found",
                    role == "denoiser" ? "rebuild the app (models/ is copied next to it) or set SCCDM_MODEL" : "rebuild the app or set SCCDM_KEYPOINT_MODEL");
                continue;
            }
            ModelCheckResult r = ModelInspector.Check(path);
            string size = $"{r.FileSize / 1024.0 / 1024.0:F1} MB, sha256 {r.Sha256[..12]}…";
            bool required = role != "other";
            yield return r.Ok
                ? new DoctorCheck($"Model ({role})", CheckStatus.Ok, $"{Path.GetFileName(path)}: {r.Kind} contract OK, {size}")
                : new DoctorCheck($"Model ({role})", required ? CheckStatus.Missing : CheckStatus.Warn,
                    $"{Path.GetFileName(path)}: {string.Join("; ", r.Problems)}", "use a model that meets ../shared/design/sccdm.md's contract");
        }
    }
}
