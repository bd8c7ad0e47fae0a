using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The display thread's per-frame bookkeeping, shared by the window and headless runs: takes the newest camera frame
/// and result (unless frozen), feeds the stable-measurement window, keeps the frame-time graph and latency meters,
/// and refreshes the HUD text on its own slower clock.
/// </summary>
internal sealed class KioskView
{
    private readonly KioskPipeline _pipeline;
    private readonly KioskControls _controls;
    private readonly KioskMeters _meters;
    private readonly MeasurementWindow _measurements = new();
    private long _nextHudUpdate;
    private long _lastPresentedCamera = -1;
    private SamplerOptions? _shownSampler;
    private int _shownHover = -1;
    private long _shownHoverFrame = -1;

    /// <summary>Creates the view; <paramref name="display"/> describes the display device for the HUD.</summary>
    public KioskView(KioskPipeline pipeline, KioskControls controls, KioskMeters meters, string display)
    {
        _pipeline = pipeline;
        _controls = controls;
        _meters = meters;
        Display = display;
        Scene.StandIn = pipeline.SynthesisInfo.ModelName.StartsWith("stand-in", StringComparison.Ordinal);
        Scene.CameraCaption = $"{KioskText.CameraCaption}  ·  {pipeline.SourceInfo.Name}";
    }

    /// <summary>What the compositor draws.</summary>
    public KioskScene Scene { get; } = new();

    private CaptureLinkState? _shownLink;

    /// <summary>The display device line of the HUD (Vulkan device, present mode).</summary>
    public string Display { get; set; }

    /// <summary>Brings the scene up to date before composing a frame at <paramref name="now"/> (Stopwatch ticks).</summary>
    public void Update(long now)
    {
        var scene = Scene;
        bool frozen = _controls.Frozen;
        if (!frozen)
        {
            if (_pipeline.TryTakeCamera(out var camera))
            {
                scene.Camera = camera;
            }

            if (_pipeline.TryTakeResult(out var result))
            {
                scene.SetResult(result);
                if (result!.HasKeypoints && result.Kcc >= Kcc.ClinicalBar && result.Angles is { } angles)
                {
                    _measurements.Add(result.CompletedTimestamp, angles.Hva, angles.Ima);
                }
            }

            // Angles are shown only while the current result clears the bar, as the median of the last second.
            var current = scene.Result;
            scene.HasReading = current is not null && current.HasKeypoints && current.Kcc >= Kcc.ClinicalBar
                && _measurements.TryGetStable(now, out var reading) && Assign(scene, reading);
        }

        scene.Frozen = frozen;
        scene.SourceEnded = _pipeline.SourceEnded;
        if (_pipeline.LinkState is { } link && !ReferenceEquals(link, _shownLink))
        {
            // A camera or stream that dropped: say so on the camera panel while it reconnects (the app stays up).
            _shownLink = link;
            scene.CameraCaption = link.Status == CaptureLinkStatus.Live
                ? $"{KioskText.CameraCaption}  ·  {_pipeline.SourceInfo.Name}"
                : $"{KioskText.CameraCaption}  ·  {link.Describe()}";
        }
        if (_pipeline.SynthesisFault is { } synthesisFault && scene.XrayFault is null)
        {
            scene.XrayFault = KioskFault.ForSynthesis(synthesisFault);
        }

        if (_pipeline.CaptureFault is { } captureFault && scene.CameraFault is null)
        {
            scene.CameraFault = KioskFault.ForCapture(captureFault);
        }

        var sampler = _controls.Sampler;
        if (!ReferenceEquals(sampler, _shownSampler))
        {
            _shownSampler = sampler;
            scene.Sampler = sampler;
            scene.SamplerText = string.Create(CultureInfo.InvariantCulture, $"{sampler.Steps} step{(sampler.Steps == 1 ? "" : "s")}  ·  {(sampler.Variant == SamplerVariant.Sag ? "SAG" : "paper")}");
        }

        UpdateHoverText();
        if (now >= _nextHudUpdate)
        {
            HudFormatter.Format(scene, _meters, _pipeline, Display, now);
            _nextHudUpdate = now + (long)(HudFormatter.Interval.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>Forces the HUD text to be rebuilt on the next <see cref="Update"/>.</summary>
    public void InvalidateHud() => _nextHudUpdate = 0;

    /// <summary>After a frame was presented at <paramref name="now"/>: latency meters (first presentation of each camera frame) and X-ray age.</summary>
    public void AfterPresent(long now)
    {
        var scene = Scene;
        if (scene.Frozen)
        {
            return;
        }

        if (scene.Camera is { } camera && camera.Sequence != _lastPresentedCamera)
        {
            _lastPresentedCamera = camera.Sequence;
            _meters.CameraLatencyMs.Add(KioskMeters.Ms(camera.CaptureTimestamp, now), now);
        }

        if (scene.Result is { } result)
        {
            _meters.XrayAgeMs.Add(KioskMeters.Ms(result.CaptureTimestamp, now), now);
        }
    }

    /// <summary>Records one display frame interval (ms) for the graph and the display fps.</summary>
    public void AddFrameInterval(double ms, long now)
    {
        _meters.DisplayIntervalMs.Add(ms, now);
        var scene = Scene;
        var times = scene.FrameTimes;
        if (scene.GraphCount < times.Length)
        {
            times[scene.GraphCount++] = ms;
        }
        else
        {
            Array.Copy(times, 1, times, 0, times.Length - 1);
            times[^1] = ms;
        }
    }

    private void UpdateHoverText()
    {
        var scene = Scene;
        int hover = scene.HoverKeypoint;
        var result = scene.Result;
        if (hover < 0 || result is null)
        {
            _shownHover = -1;
            return;
        }

        if (hover == _shownHover && result.FrameId == _shownHoverFrame)
        {
            return;
        }

        _shownHover = hover;
        _shownHoverFrame = result.FrameId;
        scene.HoverText = string.Create(CultureInfo.InvariantCulture, $"{FootSkeleton.NameOf((FootKeypoint)hover)}   {result.Keypoints[hover].Confidence:0.00}");
    }

    private static bool Assign(KioskScene scene, StableReading reading)
    {
        scene.Reading = reading;
        return true;
    }
}
