namespace SccDm.Realtime.App.Kiosk;

/// <summary>A --source value that cannot be opened; the message says what was wrong and which forms are accepted.</summary>
internal sealed class FrameSourceException(string message, Exception? inner = null) : Exception(message, inner);
