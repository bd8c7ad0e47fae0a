using System.CommandLine;
using SccDm.Realtime.App.Kiosk;

namespace SccDm.Realtime.App.Verbs;

/// <summary>`sccdm demo`: the kiosk with the bundled model and the synthetic phantom camera; headless without a display.</summary>
internal static class DemoVerb
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed") { Description = "Phantom camera seed (patients are seed, seed+1, …).", DefaultValueFactory = _ => 1 };
        var shared = new KioskCommandLine();
        var command = new Command("demo",
            """
            The kiosk on the synthetic phantom camera: camera frame and synthetic X-ray side by side, with the keypoint
            skeleton, KCC and hallux-valgus angles (synthetic images, not for diagnosis). Without a display it renders
            headless PNG frames instead.

            Keys: Space freeze · R record · 1–9 steps · S sampler · F full screen · H HUD · ? help · Esc/Q quit

            Examples:
              sccdm demo
              sccdm demo --fullscreen --vsync off
              sccdm demo --headless --frames 120 --out frames
              sccdm demo --frames 60 --screenshot kiosk.png
              sccdm demo --record sessions                       (R stops and starts; see sessions/<id>/README.txt)
              sccdm demo --headless --frames 90 --record sessions

            Exit codes: 0 ok, 2 bad arguments, 3 something missing (Vulkan, display, font), 4 bad model, 5 files, 130 interrupted.
            """);
        command.Options.Add(seed);
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(seed) < 0)
            {
                stderr.WriteLine("sccdm: --seed must not be negative.");
                return ExitCodes.Usage;
            }

            var options = shared.Read(parse, $"phantom:{parse.GetValue(seed)}", stderr);
            if (options is null)
            {
                return ExitCodes.Usage;
            }

            if (!options.Headless && !KioskApp.HasDisplay())
            {
                options = options with { Headless = true, Frames = options.Frames ?? 60 };
                stdout.WriteLine($"demo: no display (DISPLAY is not set), so rendering {options.Frames} frames headless instead. For a window, run on a desktop or under xvfb-run -a.");
            }

            return KioskCommandLine.Execute(options, stdout, stderr);
        });
        return command;
    }
}
