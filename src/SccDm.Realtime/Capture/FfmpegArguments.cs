using System.Globalization;

namespace SccDm.Realtime.Capture;

/// <summary>Builds the ffmpeg command line that turns a <see cref="CaptureSpec"/> into raw RGBA frames on stdout.</summary>
public static class FfmpegArguments
{
    /// <summary>How long a network stream may stall before ffmpeg gives up (and a reconnecting source reopens it), in microseconds.</summary>
    public const long NetworkTimeoutMicroseconds = 5_000_000;

    /// <summary>
    /// The arguments (without the program name). <paramref name="folder"/> is required for <see cref="CaptureKind.Folder"/>
    /// and ignored otherwise.
    /// </summary>
    public static IReadOnlyList<string> Build(CaptureSpec spec, FfmpegFrameSourceOptions options, ImageFolder? folder = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        string fps = options.Fps.ToString("0.###", CultureInfo.InvariantCulture);
        // -nostdin: ffmpeg would otherwise read keystrokes from the kiosk's terminal.
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error" };
        bool paceable = !spec.IsLive;
        if (paceable && options.Paced)
        {
            args.Add("-re");
        }

        switch (spec.Kind)
        {
            case CaptureKind.Lavfi:
                args.AddRange(["-f", "lavfi", "-i", spec.Target]);
                break;
            case CaptureKind.File:
                if (options.Loop)
                {
                    args.AddRange(["-stream_loop", "-1"]);
                }

                args.AddRange(["-i", spec.Target]);
                break;
            case CaptureKind.Folder:
                ArgumentNullException.ThrowIfNull(folder);
                args.AddRange(["-f", "image2", "-pattern_type", "glob", "-framerate", fps]);
                if (options.Loop)
                {
                    args.AddRange(["-loop", "1"]);
                }

                args.AddRange(["-i", folder.GlobPattern()]);
                break;
            case CaptureKind.V4l2:
                args.AddRange(["-f", "v4l2"]);
                if (spec.DeviceFormat is { } format)
                {
                    args.AddRange(["-input_format", format]);
                }

                if (spec.DeviceSize is { } size)
                {
                    args.AddRange(["-video_size", FormattableString.Invariant($"{size.Width}x{size.Height}")]);
                }

                if (spec.DeviceFps is { } deviceFps)
                {
                    args.AddRange(["-framerate", deviceFps.ToString("0.###", CultureInfo.InvariantCulture)]);
                }

                args.AddRange(["-i", spec.Target]);
                break;
            case CaptureKind.Network:
                string timeout = NetworkTimeoutMicroseconds.ToString(CultureInfo.InvariantCulture);
                if (spec.Target.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
                {
                    // TCP: UDP loses packets on busy networks and smears the picture; a stalled socket ends ffmpeg.
                    args.AddRange(["-rtsp_transport", "tcp", "-timeout", timeout]);
                }
                else
                {
                    args.AddRange(["-rw_timeout", timeout]);
                }

                args.AddRange(["-i", spec.Target]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown capture kind");
        }

        args.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn"]);
        args.AddRange(["-vf", FormattableString.Invariant($"scale={options.Width}:{options.Height}")]);
        // Finite and synthetic sources are resampled to a constant rate so StreamTime is Sequence / Fps; live sources
        // pass every frame through as it comes, neither repeated nor dropped.
        args.AddRange(spec.IsLive ? ["-fps_mode", "passthrough"] : ["-r", fps]);
        args.AddRange(["-pix_fmt", "rgba", "-f", "rawvideo", "-"]);
        return args;
    }
}
