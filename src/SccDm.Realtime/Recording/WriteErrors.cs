namespace SccDm.Realtime.Recording;

/// <summary>
/// The exceptions a file write throws when the disk is full or a limit is reached, and their one-line reasons.
/// .NET reports EFBIG (a file-size limit, <c>ulimit -f</c>) as an <see cref="ArgumentOutOfRangeException"/>, not an
/// <see cref="IOException"/>.
/// </summary>
internal static class WriteErrors
{
    /// <summary>True for the failures of writing a file (not bugs).</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    /// <summary>Why the write failed, in words a user acts on.</summary>
    public static string Describe(Exception e) => e is ArgumentOutOfRangeException
        ? "File too large (the file-size limit was reached)"
        : e.Message;
}
