using SccDm.Realtime.Capture;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// Camera frame → synthetic X-ray → keypoints, KCC and angles. Called from one synthesis thread; the options may
/// change between calls (the kiosk's 1–9 and S keys).
/// </summary>
public interface IFrameSynthesizer : IDisposable
{
    /// <summary>Model, provider and device, for the HUD.</summary>
    SynthesisInfo Info { get; }

    /// <summary>Synthesizes <paramref name="frame"/> into <paramref name="result"/>.</summary>
    void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result);
}
