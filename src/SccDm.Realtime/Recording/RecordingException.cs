namespace SccDm.Realtime.Recording;

/// <summary>A recording could not be started, or a recorded session could not be read; the message says which file and why.</summary>
public sealed class RecordingException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public RecordingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public RecordingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
