using System.Globalization;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Builds the HUD and readout strings from the meters. Called a few times a second, not per frame: numbers that
/// change 60 times a second cannot be read anyway, and formatting is the only part of a frame that allocates.
/// </summary>
internal static class HudFormatter
{
    /// <summary>How often the text is rebuilt.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Rebuilds <paramref name="scene"/>'s HUD lines and readout strings.</summary>
    public static void Format(KioskScene scene, KioskMeters meters, KioskPipeline pipeline, string display, long now)
    {
        var c = CultureInfo.InvariantCulture;
        double displayFps = meters.DisplayIntervalMs.Rate(now);
        double synthesisFps = meters.SynthesisResults.Rate(now);
        double reused = 100 * meters.SynthesisResults.Mean(now, 2);
        scene.HudLines[0] = string.Create(c, $"display {displayFps:0.0} fps   ·   synthesis {synthesisFps:0.0} fps   ·   reused {(double.IsNaN(reused) ? 0 : reused):0}%");
        scene.HudLines[1] = string.Create(c,
            $"capture {Ms(meters.CaptureMs.Median(now))}  ·  synthesis {Ms(meters.SynthesisMs.Median(now, 2))}  ·  compose {Ms(meters.ComposeMs.Median(now))}  ·  present {Ms(meters.PresentMs.Median(now))} ms");
        scene.HudLines[2] = string.Create(c,
            $"camera → screen {Ms0(meters.CameraLatencyMs.Median(now))} ms  ·  X-ray age {Ms0(meters.XrayAgeMs.Median(now))} ms  ·  reuse if Δ < {pipeline.ReuseThreshold:0.00} (last {Delta(pipeline.LastDifference)})");
        var info = pipeline.SynthesisInfo;
        scene.HudLines[3] = $"EP {info.ExecutionProvider}  ·  {info.ModelName}  ·  sampler on {info.Device}";
        scene.HudLines[4] = display;

        var result = scene.Result;
        if (result is not null)
        {
            scene.KccText = string.Create(c, $"KCC {result.Kcc:0.00}");
            scene.KccHint = string.Create(c, $"KCC {result.Kcc:0.00}: a measurement needs 0.75 or more.");
        }

        if (scene.HasReading)
        {
            var r = scene.Reading;
            scene.HvaText = string.Create(c, $"HVA  {r.Hva:0.0}° ± {r.HvaSpread:0.0}°");
            scene.ImaText = string.Create(c, $"IMA  {r.Ima:0.0}° ± {r.ImaSpread:0.0}°");
            scene.HvaGradeText = HalluxValgusGrading.NameOf(HalluxValgusGrading.FromHva(r.Hva));
            scene.ImaGradeText = HalluxValgusGrading.NameOf(HalluxValgusGrading.FromIma(r.Ima));
        }
    }

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ms0(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);

    private static string Delta(float value) => float.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
