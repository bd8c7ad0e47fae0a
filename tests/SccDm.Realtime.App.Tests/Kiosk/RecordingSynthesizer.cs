using SccDm.Realtime.Capture;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>A test synthesizer that records the options of each call and can be made to block until released.</summary>
internal sealed class RecordingSynthesizer : IFrameSynthesizer
{
    public List<SamplerOptions> Calls { get; } = [];

    public ManualResetEventSlim Entered { get; } = new(false);

    public ManualResetEventSlim Release { get; } = new(true);

    public SynthesisInfo Info { get; } = new(32, "recording test synthesizer", "", "CPU", "test", "none");

    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result)
    {
        lock (Calls)
        {
            Calls.Add(options);
        }

        Entered.Set();
        Release.Wait();
        Array.Fill(result.Xray, 0.5f);
        result.FrameId = frame.Sequence;
        result.HasKeypoints = false;
    }

    public bool Disposed { get; private set; }

    public void Dispose()
    {
        Disposed = true;
        Entered.Dispose();
        Release.Dispose();
    }
}
