using System.Diagnostics;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.App.Tests.Recording;

/// <summary>ffprobe and child-process helpers for the recording tests.</summary>
internal static class RecordingProbe
{
    /// <summary>The session folders under <paramref name="root"/>.</summary>
    public static string[] Sessions(string root) => Directory.Exists(root) ? Directory.GetDirectories(root) : [];

    /// <summary>Codec name and the number of frames ffprobe decodes from the first video stream ("", 0 when it reads none).</summary>
    public static (string Codec, int Frames) Probe(string file)
    {
        string ffprobe = FfmpegTool.FindFfprobe() ?? throw new InvalidOperationException("ffprobe is missing (run .ci/setup)");
        var start = new ProcessStartInfo(ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", file })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        _ = stderr.Result;
        string[] parts = output.Split('\n')[0].Split(',');
        return parts.Length == 2 && int.TryParse(parts[1], out int frames) ? (parts[0], frames) : ("", 0);
    }

    /// <summary>Lines in a text file that end with a newline (a line being written is not counted).</summary>
    public static int CompleteLines(string file)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int lines = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            lines += b == '\n' ? 1 : 0;
        }

        return lines;
    }

    /// <summary>The built `sccdm` next to the tests, run with `dotnet`.</summary>
    public static string SccdmDll => Path.Combine(AppContext.BaseDirectory, "sccdm.dll");

    /// <summary>A child process with the stand-in synthesizer (no model, fast) whose output is collected.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, out Func<string> output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["SCCDM_SYNTHESIZER"] = "stand-in";
        start.Environment["SCCDM_CONFIG"] = "/nonexistent/sccdm-test-config.json";
        start.Environment.Remove("DISPLAY");
        var process = Process.Start(start)!;
        var text = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = () => { lock (text) { return text.ToString(); } };
        return process;
    }
}
