using System.CommandLine;
using System.Globalization;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>The options `sccdm demo` and `sccdm run` share, and how they become <see cref="KioskOptions"/>.</summary>
internal sealed class KioskCommandLine
{
    private readonly Option<string?> _model = new("--model")
    {
        Description = "Denoiser ONNX (default: the bundled kiosk model; also SCCDM_MODEL). One that does not load shows an error panel instead of the X-ray.",
    };
    private readonly Option<string?> _keypointModel = new("--keypoint-model") { Description = "Keypoint detector ONNX (default: the bundled one; also SCCDM_KEYPOINT_MODEL)." };
    private readonly Option<bool> _fullscreen = new("--fullscreen") { Description = "Start in full screen (kiosk mode). F toggles it." };
    private readonly Option<string?> _record = new("--record")
    {
        Description = "Record from the start into DIR/<random session id>/ (0700): the view as MP4, the camera frames losslessly, frames.jsonl, session.json. R stops and starts; without --record, R records into ~/.local/share/sccdm/recordings.",
    };
    private readonly Option<bool> _headless = new("--headless") { Description = "Compose offscreen, no window, no display, no Vulkan: write PNG frames (with --record, only the recording unless --out is given)." };
    private readonly Option<string?> _out = new("--out") { Description = "Folder for headless PNG frames (default: ./sccdm-demo-<timestamp>/)." };
    private readonly Option<string> _vsync = new("--vsync")
    {
        Description = "on: FIFO, no tearing. off: MAILBOX, else IMMEDIATE, when the display offers them.",
        DefaultValueFactory = _ => "on",
    };
    private readonly Option<int?> _frames = new("--frames") { Description = "Stop after N frames (headless: write N frames; default 60)." };
    private readonly Option<string?> _screenshot = new("--screenshot") { Description = "Save the last presented frame as PNG here and exit (after --frames N, default 90)." };
    private readonly Option<string> _size = new("--size")
    {
        Description = "Window (or headless image) size, WIDTHxHEIGHT.",
        DefaultValueFactory = _ => "1280x720",
    };
    private readonly Option<double> _maxFps = new("--max-fps")
    {
        Description = "Cap on the display's frame rate (0: none). The display never waits for synthesis.",
        DefaultValueFactory = _ => 60,
    };
    private readonly Option<int> _steps = new("--steps")
    {
        Description = "Sampler steps at start, 1–9 (the 1–9 keys change it).",
        DefaultValueFactory = _ => SamplerOptions.DefaultSteps,
    };
    private readonly Option<float?> _similarity = new("--similarity")
    {
        Description = "Similarity filter: reuse the last X-ray while the camera's thumbnail differs by less than this (mean gray levels); 0 disables.",
    };
    private readonly Option<bool> _validation = new("--validation")
    {
        Description = "Enable the Vulkan validation layer; any validation message makes the run fail (also SCCDM_VALIDATION=1).",
        Hidden = true,
    };

    /// <summary>Adds the shared options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_model);
        command.Options.Add(_keypointModel);
        command.Options.Add(_fullscreen);
        command.Options.Add(_record);
        command.Options.Add(_headless);
        command.Options.Add(_out);
        command.Options.Add(_vsync);
        command.Options.Add(_frames);
        command.Options.Add(_screenshot);
        command.Options.Add(_size);
        command.Options.Add(_maxFps);
        command.Options.Add(_steps);
        command.Options.Add(_similarity);
        command.Options.Add(_validation);
    }

    /// <summary>Reads the options; on a bad value returns null and says why on <paramref name="stderr"/>.</summary>
    public KioskOptions? Read(ParseResult parse, string source, TextWriter stderr)
    {
        string vsync = (parse.GetValue(_vsync) ?? "on").Trim().ToLowerInvariant();
        if (vsync is not ("on" or "off"))
        {
            stderr.WriteLine($"sccdm: --vsync {vsync}: use on or off.");
            return null;
        }

        if (!TryParseSize(parse.GetValue(_size) ?? "", out int width, out int height))
        {
            stderr.WriteLine($"sccdm: --size {parse.GetValue(_size)}: use WIDTHxHEIGHT, e.g. 1280x720 (each 64–8192).");
            return null;
        }

        int? frames = parse.GetValue(_frames);
        if (frames is <= 0)
        {
            stderr.WriteLine($"sccdm: --frames {frames}: must be a positive number of frames.");
            return null;
        }

        int steps = parse.GetValue(_steps);
        if (steps is < 1 or > 9)
        {
            stderr.WriteLine($"sccdm: --steps {steps}: must be 1–9.");
            return null;
        }

        double maxFps = parse.GetValue(_maxFps);
        if (maxFps < 0 || double.IsNaN(maxFps))
        {
            stderr.WriteLine($"sccdm: --max-fps {maxFps}: must be 0 (uncapped) or positive.");
            return null;
        }

        var options = new KioskOptions
        {
            Source = source,
            ModelPath = parse.GetValue(_model),
            KeypointModelPath = parse.GetValue(_keypointModel),
            Fullscreen = parse.GetValue(_fullscreen),
            RecordDirectory = parse.GetValue(_record),
            Headless = parse.GetValue(_headless),
            OutDirectory = parse.GetValue(_out),
            Vsync = vsync == "on",
            Frames = frames,
            ScreenshotPath = parse.GetValue(_screenshot),
            Width = width,
            Height = height,
            MaxFps = maxFps,
            Steps = steps,
            Validation = parse.GetValue(_validation) || KioskApp.ValidationFromEnvironment(),
            PreferCopy = !string.Equals(Environment.GetEnvironmentVariable("SCCDM_PRESENT"), "draw", StringComparison.OrdinalIgnoreCase),
        };
        if (parse.GetValue(_similarity) is { } similarity)
        {
            if (similarity < 0 || float.IsNaN(similarity))
            {
                stderr.WriteLine($"sccdm: --similarity {similarity}: must be 0 or positive.");
                return null;
            }

            options = options with { ReuseThreshold = similarity, WarmStartThreshold = Math.Max(options.WarmStartThreshold, similarity) };
        }

        return options;
    }

    /// <summary>Parses "1280x720".</summary>
    public static bool TryParseSize(string text, out int width, out int height)
    {
        width = height = 0;
        string[] parts = text.Trim().ToLowerInvariant().Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is >= 64 and <= 8192 && height is >= 64 and <= 8192;
    }

    /// <summary>Runs the kiosk with Ctrl-C/SIGTERM handling and the config loaded (then adjusted by <paramref name="configure"/>); maps config errors to one line.</summary>
    public static int Execute(KioskOptions options, TextWriter stdout, TextWriter stderr, Action<AppConfig>? configure = null)
    {
        AppConfig config;
        try
        {
            config = AppConfig.Load();
            configure?.Invoke(config);
        }
        catch (AppConfigException e)
        {
            stderr.WriteLine($"sccdm: {e.Message}");
            return ExitCodes.Usage;
        }

        config.Model = options.ModelPath ?? config.Model;
        config.KeypointModel = options.KeypointModelPath ?? config.KeypointModel;

        using var signal = new ShutdownSignal();
        var result = options.Headless
            ? KioskApp.RunHeadless(options, config, stdout, stderr, signal.Token)
            : KioskApp.RunWindowed(options, config, stdout, stderr, signal.Token);
        return result.ExitCode;
    }
}
