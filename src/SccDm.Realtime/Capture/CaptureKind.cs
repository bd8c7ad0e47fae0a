namespace SccDm.Realtime.Capture;

/// <summary>What a <see cref="CaptureSpec"/> points at; decides the ffmpeg input options and whether the source is live.</summary>
public enum CaptureKind
{
    /// <summary>An ffmpeg lavfi filter graph such as <c>testsrc2=size=640x480:rate=30</c> (synthetic, endless).</summary>
    Lavfi,

    /// <summary>A video file (finite).</summary>
    File,

    /// <summary>A folder of PNG or JPEG images, played in name order (finite).</summary>
    Folder,

    /// <summary>A V4L2 camera device such as <c>/dev/video0</c> (live).</summary>
    V4l2,

    /// <summary>An rtsp/http/https stream (live).</summary>
    Network,
}
