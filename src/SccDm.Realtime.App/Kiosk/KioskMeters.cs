using System.Diagnostics;
using SccDm.Realtime.Profiling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The kiosk's measurements. Every stage is recorded twice: into the <see cref="FrameProfiler"/> (traces and the
/// exit summary with percentiles) and into a small <see cref="RollingWindow"/> that the HUD reads several times a
/// second without allocating (the profiler's summary copies its whole ring, which is fine once at exit but not per frame).
/// </summary>
internal sealed class KioskMeters
{
    /// <summary>Creates the meters and registers the stage names with <paramref name="profiler"/>.</summary>
    public KioskMeters(FrameProfiler profiler)
    {
        Profiler = profiler;
        CaptureStage = profiler.StageId("capture");
        // The renderer records "synthesis" on its own thread (XrayRendererOptions.Profiler); named here so that the
        // stages keep the pipeline's order in reports.
        profiler.StageId("synthesis");
        ComposeStage = profiler.StageId("compose");
        PresentStage = profiler.StageId("present");
        RecordStage = profiler.StageId("record");
    }

    /// <summary>The profiler every stage is recorded into.</summary>
    public FrameProfiler Profiler { get; }

    /// <summary>Profiler id of "capture" (reading a frame from the source, pacing wait excluded where the source allows).</summary>
    public int CaptureStage { get; }

    /// <summary>Profiler id of "compose" (CPU composition of the window image).</summary>
    public int ComposeStage { get; }

    /// <summary>Profiler id of "present" (record, submit and present; waits for a free frame slot).</summary>
    public int PresentStage { get; }

    /// <summary>Profiler id of "record" (the display thread's copy of the composed view for the recorder; only while recording).</summary>
    public int RecordStage { get; }

    /// <summary>Record stage milliseconds.</summary>
    public RollingWindow RecordMs { get; } = new();

    /// <summary>Capture stage milliseconds.</summary>
    public RollingWindow CaptureMs { get; } = new();

    /// <summary>Synthesis stage milliseconds (samples that ran the synthesizer, not reuses).</summary>
    public RollingWindow SynthesisMs { get; } = new();

    /// <summary>Compose milliseconds.</summary>
    public RollingWindow ComposeMs { get; } = new();

    /// <summary>Present milliseconds.</summary>
    public RollingWindow PresentMs { get; } = new();

    /// <summary>Display frame intervals in milliseconds (one sample per displayed frame: its rate is the display fps).</summary>
    public RollingWindow DisplayIntervalMs { get; } = new();

    /// <summary>One sample per published synthesis result (1 = reused, 0 = sampled): its rate is the synthesis fps.</summary>
    public RollingWindow SynthesisResults { get; } = new();

    /// <summary>Capture → present latency of each camera frame's first presentation, in ms.</summary>
    public RollingWindow CameraLatencyMs { get; } = new();

    /// <summary>Capture → present age of the X-ray shown, per displayed frame, in ms.</summary>
    public RollingWindow XrayAgeMs { get; } = new();

    /// <summary>Records a finished stage into the profiler and its window.</summary>
    public void Record(int stage, RollingWindow window, long frameId, long start, long end)
    {
        Profiler.Record(stage, frameId, start, end);
        window.Add(FrameProfiler.TicksToMs(end - start), end);
    }

    /// <summary>Milliseconds between two Stopwatch timestamps.</summary>
    public static double Ms(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;
}
