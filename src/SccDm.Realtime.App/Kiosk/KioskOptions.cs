using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>How `sccdm demo` / `sccdm run` were asked to run.</summary>
internal sealed record KioskOptions
{
    /// <summary>The --source value.</summary>
    public string Source { get; init; } = "phantom";

    /// <summary>Start in full screen (the kiosk mode).</summary>
    public bool Fullscreen { get; init; }

    /// <summary>--record DIR: record from the start into DIR/&lt;session id&gt;/ (R stops and starts). Null: R records into <see cref="KioskRecorder.DefaultFolder"/>.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Opens the frame source instead of <see cref="Source"/> (replay reads a recorded camera file); the argument is "paced".</summary>
    public Func<bool, SccDm.Realtime.Capture.IFrameSource>? OpenSource { get; init; }

    /// <summary>--vsync on (FIFO) or off (MAILBOX/IMMEDIATE when available).</summary>
    public bool Vsync { get; init; } = true;

    /// <summary>Stop after this many frames (window) or write this many (headless); null: until quit.</summary>
    public int? Frames { get; init; }

    /// <summary>Save the last presented frame here as PNG.</summary>
    public string? ScreenshotPath { get; init; }

    /// <summary>Compose offscreen and write PNGs; no window, no Vulkan.</summary>
    public bool Headless { get; init; }

    /// <summary>Where headless PNGs go.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>--model: the denoiser to load instead of the configured or bundled one.</summary>
    public string? ModelPath { get; init; }

    /// <summary>--keypoint-model: the keypoint detector to load instead of the configured or bundled one.</summary>
    public string? KeypointModelPath { get; init; }

    /// <summary>Vulkan validation on, and any validation message fails the run.</summary>
    public bool Validation { get; init; }

    /// <summary>Initial window (or headless image) width.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Initial window (or headless image) height.</summary>
    public int Height { get; init; } = 720;

    /// <summary>The display's frame cap (0: uncapped). The display never waits for synthesis; this only keeps it from burning the CPU the workers need.</summary>
    public double MaxFps { get; init; } = 60;

    /// <summary>Similarity filter: reuse threshold (mean abs gray difference of the thumbnails).</summary>
    public float ReuseThreshold { get; init; } = FrameChangeFilter.DefaultReuseThreshold;

    /// <summary>Similarity filter: warm-start threshold.</summary>
    public float WarmStartThreshold { get; init; } = FrameChangeFilter.DefaultWarmStartThreshold;

    /// <summary>Sampler steps at start (the 1–9 keys change it).</summary>
    public int Steps { get; init; } = SamplerOptions.DefaultSteps;

    /// <summary>Sampler variant at start (the S key changes it).</summary>
    public SamplerVariant Variant { get; init; } = SamplerVariant.Paper;

    /// <summary>Whether the stand-in synthesizer sleeps like the real model would (off for headless and tests).</summary>
    public bool SimulateModelCost { get; init; } = true;

    /// <summary>Present by copying the composed buffer into the swapchain image (true) or by drawing it with a shader (false; SCCDM_PRESENT=draw).</summary>
    public bool PreferCopy { get; init; } = true;

    /// <summary>Test hook: called on the display thread with the scene just composed, before the frame is presented.</summary>
    public Action<KioskScene, KioskFrameEvent>? BeforePresent { get; init; }

    /// <summary>Test hook: called on the display thread after each presented frame.</summary>
    public Action<KioskFrameEvent>? AfterFrame { get; init; }
}
