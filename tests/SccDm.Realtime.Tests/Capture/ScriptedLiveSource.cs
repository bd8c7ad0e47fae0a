using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Tests.Capture;

/// <summary>A fake live source: delivers <c>frames</c> frames filled with <c>value</c>, then throws or ends.</summary>
internal sealed class ScriptedLiveSource(int frames, byte value, bool endsInsteadOfThrowing = false) : IFrameSource
{
    private int _delivered;

    public FrameSourceInfo Info { get; } = new("scripted camera", 8, 6, 30);

    public bool Disposed { get; private set; }

    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_delivered >= frames)
        {
            return endsInsteadOfThrowing ? false : throw new IOException($"camera {value} unplugged");
        }

        Array.Fill(frame.Pixels, value);
        frame.Sequence = _delivered++;
        frame.CaptureTimestamp = 1000 * (value + 1) + _delivered;
        return true;
    }

    public void Dispose() => Disposed = true;
}
