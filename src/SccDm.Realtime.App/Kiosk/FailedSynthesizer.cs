using SccDm.Realtime.Capture;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Takes the synthesizer's place when its model could not be loaded, so the kiosk stays up: the camera keeps
/// running and the X-ray panel shows why there is no X-ray (<see cref="Reason"/>, through
/// <see cref="KioskPipeline.SynthesisFault"/>). It never synthesizes.
/// </summary>
internal sealed class FailedSynthesizer(Exception reason) : IFrameSynthesizer
{
    /// <summary>Why there is no synthesizer.</summary>
    public Exception Reason { get; } = reason;

    /// <inheritdoc />
    public SynthesisInfo Info { get; } = new(StandInSynthesizer.ImageSize, "no model (failed to load)", "", "none", reason.Message, "none");

    /// <inheritdoc />
    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result) =>
        throw new InvalidOperationException("The synthesizer failed to load; the pipeline shows why and never calls it.", Reason);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
