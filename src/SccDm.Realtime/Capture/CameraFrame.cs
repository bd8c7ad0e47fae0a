namespace SccDm.Realtime.Capture;

/// <summary>
/// One camera frame: tightly packed RGBA8 pixels, stamped at capture.
/// A frame is a reusable buffer: sources fill it in place so the steady state allocates nothing.
/// </summary>
public sealed class CameraFrame
{
    /// <summary>Creates a frame buffer for <paramref name="width"/>×<paramref name="height"/> RGBA8 pixels.</summary>
    public CameraFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 4)];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGBA8 pixels, row-major, no padding.</summary>
    public byte[] Pixels { get; }

    /// <summary>Monotonic frame number assigned by the source, from 0.</summary>
    public long Sequence { get; set; }

    /// <summary>Capture time in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long CaptureTimestamp { get; set; }

    /// <summary>Presentation time within the stream, in seconds (deterministic for synthetic and file sources).</summary>
    public double StreamTime { get; set; }
}
