using System.Diagnostics;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>
/// A test source: frame k is a dark frame with a bright square at x = <c>shifts[k]</c> (cycling when endless),
/// unpaced. A finite script ends after its last frame.
/// </summary>
internal sealed class ScriptedFrameSource(int[] shifts, bool endless = false, int width = 160, int height = 120) : IFrameSource
{
    private long _next;

    public FrameSourceInfo Info { get; } = new("scripted test source", width, height, 30);

    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!endless && _next >= shifts.Length)
        {
            return false;
        }

        int shift = shifts[_next % shifts.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inside = x >= 40 + shift && x < 80 + shift && y >= 30 && y < 90;
                int i = ((y * width) + x) * 4;
                frame.Pixels[i] = frame.Pixels[i + 1] = frame.Pixels[i + 2] = inside ? (byte)220 : (byte)20;
                frame.Pixels[i + 3] = 255;
            }
        }

        frame.Sequence = _next++;
        frame.CaptureTimestamp = Stopwatch.GetTimestamp();
        frame.StreamTime = frame.Sequence / 30.0;
        return true;
    }

    public void Dispose()
    {
    }
}
