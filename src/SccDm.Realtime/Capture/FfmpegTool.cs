using System.Diagnostics;

namespace SccDm.Realtime.Capture;

/// <summary>Finds the <c>ffmpeg</c>/<c>ffprobe</c> command-line tools, used for capture and recording.</summary>
public static class FfmpegTool
{
    /// <summary>Path of ffmpeg: <c>$SCCDM_FFMPEG</c>, else the first <c>ffmpeg</c> on PATH, else null.</summary>
    public static string? FindFfmpeg() => Find("SCCDM_FFMPEG", "ffmpeg");

    /// <summary>Path of ffprobe: <c>$SCCDM_FFPROBE</c>, else the first <c>ffprobe</c> on PATH, else null.</summary>
    public static string? FindFfprobe() => Find("SCCDM_FFPROBE", "ffprobe");

    /// <summary>The first line of <c>ffmpeg -version</c>, or null when ffmpeg is missing or does not run.</summary>
    public static string? Version()
    {
        string? ffmpeg = FindFfmpeg();
        if (ffmpeg is null)
        {
            return null;
        }
        try
        {
            var start = new ProcessStartInfo(ffmpeg, "-hide_banner -version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            string first = process.StandardOutput.ReadLine() ?? "";
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            int copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
            return process.ExitCode == 0 ? (copyright > 0 ? first[..copyright] : first).Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The message for a user whose machine lacks ffmpeg.</summary>
    public const string MissingMessage = "ffmpeg was not found: install the Debian package ffmpeg (run .ci/setup) or set SCCDM_FFMPEG to its path.";

    private static string? Find(string envVar, string name)
    {
        string? fromEnv = Environment.GetEnvironmentVariable(envVar);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(fromEnv) ? fromEnv : null;
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
