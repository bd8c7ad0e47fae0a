using System.CommandLine;
using SccDm.Realtime.App.Doctor;

namespace SccDm.Realtime.App.Verbs;

/// <summary>`sccdm doctor`: what this machine has for the kiosk, and what fixes each gap.</summary>
internal static class DoctorVerb
{
    public static Command Create()
    {
        var command = new Command("doctor",
            """
            Check this machine for everything the kiosk needs and say what fixes each gap:
            Vulkan devices, ONNX Runtime and its execution providers (with the reason CUDA can't be used),
            ffmpeg, the display, the HUD font, and the bundled models against the SCCDM ONNX contract.

            Exit codes: 0 all the demo needs is present, 3 something it needs is missing.
            """);
        command.SetAction(_ =>
        {
            AppConfig config = AppConfig.Load();
            IReadOnlyList<DoctorCheck> checks = DoctorReport.Run(config);
            WriteReport(checks, System.Console.Out, TerminalWidth());
            int missing = checks.Count(c => c.Status == CheckStatus.Missing);
            System.Console.WriteLine();
            System.Console.WriteLine(missing == 0
                ? "doctor: everything the demo needs is here."
                : $"doctor: {missing} thing(s) the demo needs are missing; see the fix: lines.");
            return missing == 0 ? ExitCodes.Ok : ExitCodes.MissingDependency;
        });
        return command;
    }

    /// <summary>Writes one block per check: status, check and what was found, wrapped; the fix on its own line.</summary>
    internal static void WriteReport(IReadOnlyList<DoctorCheck> checks, TextWriter writer, int width)
    {
        int area = checks.Max(c => c.Area.Length);
        int indent = 9 + area + 2;
        int textWidth = Math.Max(40, width - indent);
        foreach (DoctorCheck c in checks)
        {
            string status = c.Status switch { CheckStatus.Ok => "OK", CheckStatus.Warn => "WARN", _ => "MISSING" };
            List<string> lines = Wrap(c.Detail, textWidth);
            writer.WriteLine($"{status,-7}  {c.Area.PadRight(area)}  {lines[0]}");
            foreach (string more in lines.Skip(1))
            {
                writer.WriteLine(new string(' ', indent) + more);
            }
            if (c.Status != CheckStatus.Ok && c.Fix.Length > 0)
            {
                foreach (string fix in Wrap("fix: " + c.Fix, textWidth))
                {
                    writer.WriteLine(new string(' ', indent) + fix);
                }
            }
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return System.Console.IsOutputRedirected ? 120 : Math.Max(80, System.Console.WindowWidth);
        }
        catch (IOException)
        {
            return 120;
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0)
            {
                line.Append(' ');
            }
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }
}
