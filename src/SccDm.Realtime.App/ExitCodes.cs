namespace SccDm.Realtime.App;

/// <summary>Process exit codes of `sccdm`, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug): the message and the log say what.</summary>
    public const int Failure = 1;
    /// <summary>Bad command line: unknown verb or option, or an invalid value.</summary>
    public const int Usage = 2;
    /// <summary>Something the program needs is missing: Vulkan, ONNX Runtime, ffmpeg, a display, a font.</summary>
    public const int MissingDependency = 3;
    /// <summary>A model file is missing, corrupt, or breaks the SCCDM ONNX contract.</summary>
    public const int BadModel = 4;
    /// <summary>A file or folder could not be read or written.</summary>
    public const int Io = 5;
    /// <summary>Interrupted by Ctrl-C or SIGTERM; everything written so far was finalized.</summary>
    public const int Interrupted = 130;
}
