using System.CommandLine;
using SccDm.Realtime.App.Kiosk;

namespace SccDm.Realtime.App.Verbs;

/// <summary>`sccdm run --source SRC`: the kiosk window on a given frame source.</summary>
internal static class RunVerb
{
    public static Command Create()
    {
        var source = new Option<string>("--source")
        {
            Description = $"Frame source: {FrameSourceFactory.SupportedForms}.",
            Required = true,
        };
        var shared = new KioskCommandLine();
        var command = new Command("run",
            $"""
            The kiosk window on a frame source: camera frame and synthetic X-ray side by side, with the keypoint
            skeleton, KCC and hallux-valgus angles (synthetic images, not for diagnosis).

            Sources: {FrameSourceFactory.SupportedForms}.
            Keys: Space freeze · R record · 1–9 steps · S sampler · F full screen · H HUD · ? help · Esc/Q quit

            Examples:
              sccdm run --source phantom:7 --fullscreen
              sccdm run --source phantom --record sessions/today
              sccdm run --source phantom:moving     (a foot that keeps moving: the warm-start path)
              sccdm run --source v4l2:/dev/video0 --fullscreen --record /srv/sessions
              sccdm run --source lavfi:testsrc2 --headless --frames 60 --record sessions
              sccdm run --source phantom --model my_sccdm.onnx

            Exit codes: 0 ok, 2 bad arguments or source, 3 something missing (Vulkan, display, font), 4 bad model, 5 files, 130 interrupted.
            """);
        command.Options.Add(source);
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var options = shared.Read(parse, parse.GetValue(source) ?? "", stderr);
            if (options is null)
            {
                return ExitCodes.Usage;
            }

            if (!options.Headless && !KioskApp.HasDisplay())
            {
                stderr.WriteLine("sccdm: no display (DISPLAY is not set), so no window: use --headless to write the frames as PNG files (--frames N --out DIR), or run on a desktop or under xvfb-run -a.");
                return ExitCodes.MissingDependency;
            }

            return KioskCommandLine.Execute(options, stdout, stderr);
        });
        return command;
    }
}
