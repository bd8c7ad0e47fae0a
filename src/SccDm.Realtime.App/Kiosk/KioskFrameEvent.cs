namespace SccDm.Realtime.App.Kiosk;

/// <summary>Passed to <see cref="KioskOptions.AfterFrame"/> after each presented frame.</summary>
/// <param name="FrameNumber">Frames presented so far (1 after the first).</param>
/// <param name="Window">The GLFW window handle (0 when headless).</param>
/// <param name="Width">Width of the frame just presented.</param>
/// <param name="Height">Height of the frame just presented.</param>
internal readonly record struct KioskFrameEvent(long FrameNumber, nint Window, int Width, int Height);
