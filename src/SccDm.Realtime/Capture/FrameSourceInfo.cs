namespace SccDm.Realtime.Capture;

/// <summary>What a frame source delivers.</summary>
/// <param name="Name">Human-readable description, e.g. "phantom camera (seed 7)".</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Fps">Nominal frame rate.</param>
public sealed record FrameSourceInfo(string Name, int Width, int Height, double Fps);
