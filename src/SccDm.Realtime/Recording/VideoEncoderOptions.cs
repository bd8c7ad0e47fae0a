namespace SccDm.Realtime.Recording;

/// <summary>What a <see cref="VideoEncoder"/> writes.</summary>
public sealed record VideoEncoderOptions
{
    /// <summary>The file to create (0600; it must not exist).</summary>
    public required string Path { get; init; }

    /// <summary>Width of the RGBA frames written.</summary>
    public required int Width { get; init; }

    /// <summary>Height of the RGBA frames written.</summary>
    public required int Height { get; init; }

    /// <summary>The codec and container.</summary>
    public VideoCodec Codec { get; init; } = VideoCodec.H264FragmentedMp4;

    /// <summary>Frame rate of the stream; with <see cref="WallClock"/> only the nominal rate.</summary>
    public double Fps { get; init; } = 30;

    /// <summary>Stamp each frame with the time ffmpeg reads it (a display of varying rate plays back at its real speed) instead of frame number / <see cref="Fps"/>.</summary>
    public bool WallClock { get; init; }

    /// <summary>H.264 only: a keyframe, and so a fragment a killed recording keeps, at least every this many frames.</summary>
    public int KeyframeInterval { get; init; } = 30;
}
