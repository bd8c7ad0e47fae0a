using System.Globalization;

namespace SccDm.Realtime.Capture;

/// <summary>
/// A parsed capture source: what to open and, for V4L2 devices, the mode to ask for.
/// Parsing is pure except for plain paths, which are told apart by looking at the file system.
/// </summary>
/// <param name="Kind">What the spec points at.</param>
/// <param name="Target">The lavfi graph, the file or folder path, the device path or the URL.</param>
public sealed record CaptureSpec(CaptureKind Kind, string Target)
{
    /// <summary>The accepted forms, for messages and --help.</summary>
    public const string Forms =
        "lavfi:GRAPH (e.g. lavfi:testsrc2=size=640x480:rate=30), file:PATH or an existing video file, " +
        "folder:DIR or an existing folder of PNG/JPEG images, v4l2:/dev/videoN[?size=640x480&fps=30&format=mjpeg|yuyv], " +
        "rtsp://…, http://… or https://…";

    private static readonly string[] _videoExtensions =
        [".mp4", ".mkv", ".avi", ".mov", ".webm", ".m4v", ".mpg", ".mpeg", ".ts", ".y4m", ".nut"];

    /// <summary>V4L2 only: the capture size to request from the device (<c>-video_size</c>), or null for its default.</summary>
    public (int Width, int Height)? DeviceSize { get; init; }

    /// <summary>V4L2 only: the frame rate to request from the device (<c>-framerate</c>), or null for its default.</summary>
    public double? DeviceFps { get; init; }

    /// <summary>V4L2 only: ffmpeg's name of the device pixel format (<c>mjpeg</c>, <c>yuyv422</c>, <c>h264</c>), or null for the default.</summary>
    public string? DeviceFormat { get; init; }

    /// <summary>True for devices and network streams, whose end means a failure rather than the end of the content.</summary>
    public bool IsLive => Kind is CaptureKind.V4l2 or CaptureKind.Network;

    /// <summary>A short description for Info and messages; credentials in URLs are hidden.</summary>
    public string Describe() => Kind switch
    {
        CaptureKind.Lavfi => $"lavfi {Target}",
        CaptureKind.File => $"video file {Target}",
        CaptureKind.Folder => $"image folder {Target}",
        CaptureKind.V4l2 => $"camera {Target}",
        _ => $"stream {RedactUrl(Target)}",
    };

    /// <summary>
    /// Parses a source spec; see <see cref="Forms"/>. Returns null when <paramref name="text"/> has none of these forms
    /// (so a caller can try its own schemes), and throws for a recognised form with a bad value.
    /// </summary>
    /// <exception cref="CaptureException">A recognised form with a malformed value; the message names the spec.</exception>
    public static CaptureSpec? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string spec = text.Trim();
        if (spec.Length == 0)
        {
            return null;
        }

        if (HasScheme(spec, "rtsp://") || HasScheme(spec, "rtsps://") || HasScheme(spec, "http://") || HasScheme(spec, "https://"))
        {
            if (!Uri.TryCreate(spec, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
            {
                throw new CaptureException($"{RedactUrl(spec)}: not a valid URL.");
            }

            return new CaptureSpec(CaptureKind.Network, spec);
        }

        if (HasScheme(spec, "lavfi:"))
        {
            string graph = spec["lavfi:".Length..];
            return graph.Trim().Length == 0
                ? throw new CaptureException($"{spec}: the lavfi graph is empty, e.g. lavfi:testsrc2=size=640x480:rate=30.")
                : new CaptureSpec(CaptureKind.Lavfi, graph);
        }

        if (HasScheme(spec, "file:"))
        {
            string path = spec["file:".Length..];
            return path.Length == 0 ? throw new CaptureException($"{spec}: the file path is empty.") : new CaptureSpec(CaptureKind.File, path);
        }

        if (HasScheme(spec, "folder:"))
        {
            string path = spec["folder:".Length..];
            return path.Length == 0 ? throw new CaptureException($"{spec}: the folder path is empty.") : new CaptureSpec(CaptureKind.Folder, path);
        }

        if (HasScheme(spec, "v4l2:"))
        {
            return ParseV4l2(spec);
        }

        if (Directory.Exists(spec))
        {
            return new CaptureSpec(CaptureKind.Folder, spec);
        }

        // A plain path that looks like a video file is taken as one even when missing, so the user hears
        // "file not found" rather than "unknown source".
        if (File.Exists(spec) || LooksLikeVideoPath(spec))
        {
            return new CaptureSpec(CaptureKind.File, spec);
        }

        return null;
    }

    /// <summary>Like <see cref="TryParse"/>, but an unrecognised spec is an error too.</summary>
    /// <exception cref="CaptureException">The spec is malformed or has none of the <see cref="Forms"/>.</exception>
    public static CaptureSpec Parse(string text) =>
        TryParse(text) ?? throw new CaptureException($"{text}: not a capture source. Accepted: {Forms}.");

    /// <summary>Replaces the user-info part of a URL (user:password@) with <c>***@</c>.</summary>
    public static string RedactUrl(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        int hostStart = scheme + 3;
        int pathStart = url.IndexOf('/', hostStart);
        int at = url.LastIndexOf('@', pathStart < 0 ? url.Length - 1 : pathStart);
        return at >= hostStart ? string.Concat(url.AsSpan(0, hostStart), "***", url.AsSpan(at)) : url;
    }

    private static CaptureSpec ParseV4l2(string spec)
    {
        string rest = spec["v4l2:".Length..];
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        string device = question < 0 ? rest : rest[..question];
        if (device.Length == 0)
        {
            throw new CaptureException($"{spec}: the device is missing, e.g. v4l2:/dev/video0.");
        }

        var result = new CaptureSpec(CaptureKind.V4l2, device);
        if (question < 0)
        {
            return result;
        }

        foreach (string pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = (eq < 0 ? pair : pair[..eq]).Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : pair[(eq + 1)..].Trim();
            switch (key)
            {
                case "size":
                    result = result with { DeviceSize = ParseSize(spec, value) };
                    break;
                case "fps":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double fps) || !(fps > 0) || fps > 1000)
                    {
                        throw new CaptureException($"{spec}: fps must be a positive number, e.g. fps=30.");
                    }

                    result = result with { DeviceFps = fps };
                    break;
                case "format":
                    result = result with { DeviceFormat = DeviceFormatName(spec, value) };
                    break;
                default:
                    throw new CaptureException($"{spec}: unknown option '{key}'; v4l2 accepts size=WxH, fps=N and format=mjpeg|yuyv|h264.");
            }
        }

        return result;
    }

    private static (int, int) ParseSize(string spec, string value)
    {
        int x = value.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        if (x > 0
            && int.TryParse(value.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(value.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w > 0 && h > 0)
        {
            return (w, h);
        }

        throw new CaptureException($"{spec}: size must be WIDTHxHEIGHT, e.g. size=640x480.");
    }

    private static string DeviceFormatName(string spec, string value) => value.ToLowerInvariant() switch
    {
        "mjpeg" or "mjpg" => "mjpeg",
        "yuyv" or "yuyv422" or "yuy2" => "yuyv422",
        "h264" => "h264",
        _ => throw new CaptureException($"{spec}: format must be mjpeg, yuyv or h264."),
    };

    private static bool HasScheme(string spec, string scheme) => spec.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeVideoPath(string spec)
    {
        string extension = Path.GetExtension(spec);
        return extension.Length > 0 && Array.Exists(_videoExtensions, e => e.Equals(extension, StringComparison.OrdinalIgnoreCase));
    }
}
