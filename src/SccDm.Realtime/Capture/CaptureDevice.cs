namespace SccDm.Realtime.Capture;

/// <summary>A V4L2 camera device and the formats ffmpeg reports for it.</summary>
/// <param name="Path">The device node, e.g. <c>/dev/video0</c>.</param>
/// <param name="Formats">ffmpeg's <c>-list_formats all</c> lines (pixel format, description, sizes), or its error lines.</param>
public sealed record CaptureDevice(string Path, IReadOnlyList<string> Formats);
