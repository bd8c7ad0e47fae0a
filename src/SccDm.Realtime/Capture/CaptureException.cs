namespace SccDm.Realtime.Capture;

/// <summary>
/// A capture source could not be opened or read for a reason a user can fix: a malformed spec, a missing file or
/// device, a missing ffmpeg, or an ffmpeg that failed (the message then carries the last lines of its stderr).
/// </summary>
public sealed class CaptureException : Exception
{
    /// <summary>Creates the exception with a one-line, user-facing message.</summary>
    public CaptureException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
