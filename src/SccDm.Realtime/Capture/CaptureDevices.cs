using System.ComponentModel;
using System.Diagnostics;

namespace SccDm.Realtime.Capture;

/// <summary>Lists the camera devices of this machine, for diagnostics such as <c>sccdm doctor</c>.</summary>
public static class CaptureDevices
{
    private static readonly TimeSpan _probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The <c>/dev/video*</c> nodes, sorted, each with the lines of <c>ffmpeg -f v4l2 -list_formats all -i DEV</c>
    /// (empty when ffmpeg is missing). Empty on a machine without cameras. Blocks up to 5 s per device.
    /// </summary>
    public static IReadOnlyList<CaptureDevice> ListV4l2()
    {
        if (!Directory.Exists("/dev"))
        {
            return [];
        }

        string? ffmpeg = FfmpegTool.FindFfmpeg();
        var devices = new List<CaptureDevice>();
        foreach (string path in Directory.EnumerateFileSystemEntries("/dev", "video*").Order(StringComparer.Ordinal))
        {
            devices.Add(new CaptureDevice(path, ffmpeg is null ? [] : ListFormats(ffmpeg, path)));
        }

        return devices;
    }

    private static List<string> ListFormats(string ffmpeg, string device)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-hide_banner", "-nostdin", "-f", "v4l2", "-list_formats", "all", "-i", device])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            // ffmpeg prints the list on stderr and then exits with an error ("Immediate exit requested"), by design.
            var stderr = new StderrTail(process.StandardError, 200, "ffmpeg list_formats");
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(_probeTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(_probeTimeout);
            }

            stderr.Join(_probeTimeout);
            var lines = new List<string>();
            foreach (string line in stderr.Lines())
            {
                if (!line.Contains("Immediate exit requested", StringComparison.Ordinal))
                {
                    lines.Add(StripContext(line));
                }
            }

            return lines;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return [$"could not run ffmpeg: {e.Message}"];
        }
    }

    /// <summary>Drops ffmpeg's "[video4linux2,v4l2 @ 0x55d…] " prefix, which only names the component.</summary>
    private static string StripContext(string line)
    {
        int close = line.StartsWith('[') ? line.IndexOf("] ", StringComparison.Ordinal) : -1;
        return close > 0 ? line[(close + 2)..] : line;
    }
}
