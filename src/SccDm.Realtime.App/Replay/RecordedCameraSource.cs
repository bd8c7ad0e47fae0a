using System.Diagnostics;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.App.Replay;

/// <summary>
/// The recorded camera file as a frame source that gives each frame its recorded capture time (shifted to now), so
/// whatever depends on time (the keypoints' One-Euro smoothing, the latency meters) sees the session's timing.
/// Frames without a recorded time keep the time they were decoded.
/// </summary>
internal sealed class RecordedCameraSource(IFrameSource inner, double[] captureSeconds) : IFrameSource
{
    private long _origin;

    /// <inheritdoc />
    public FrameSourceInfo Info => inner.Info;

    /// <inheritdoc />
    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        if (!inner.ReadFrame(frame, cancellationToken))
        {
            return false;
        }

        long index = frame.Sequence;
        if (index < captureSeconds.Length && double.IsFinite(captureSeconds[index]))
        {
            long offset = (long)(captureSeconds[index] * Stopwatch.Frequency);
            if (_origin == 0)
            {
                _origin = frame.CaptureTimestamp - offset;
            }

            frame.CaptureTimestamp = _origin + offset;
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
