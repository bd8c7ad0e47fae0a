namespace SccDm.Realtime.Capture;

/// <summary>How an <see cref="FfmpegFrameSource"/> delivers frames.</summary>
public sealed record FfmpegFrameSourceOptions
{
    /// <summary>Frame width in pixels after scaling.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height in pixels after scaling.</summary>
    public int Height { get; init; } = 480;

    /// <summary>
    /// Frame rate: the output rate of files, folders and lavfi graphs (ffmpeg drops or repeats frames to hold it, so
    /// <see cref="CameraFrame.StreamTime"/> is exactly Sequence / Fps) and the playback rate of image folders.
    /// Live sources deliver what the device or stream sends; for them it is the nominal rate only.
    /// </summary>
    public double Fps { get; init; } = 30;

    /// <summary>True plays files, folders and lavfi graphs in real time (<c>-re</c>); false delivers them as fast as they are read.</summary>
    public bool Paced { get; init; } = true;

    /// <summary>True restarts files and folders at their end instead of ending the stream.</summary>
    public bool Loop { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Width < 2 || Height < 2 || Width > 8192 || Height > 8192)
        {
            throw new CaptureException($"capture size {Width}x{Height} is out of range (2..8192 per side).");
        }

        if (!(Fps > 0) || Fps > 1000)
        {
            throw new CaptureException($"capture frame rate {Fps} is out of range (above 0, at most 1000).");
        }
    }
}
