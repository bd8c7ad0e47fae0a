namespace SccDm.Realtime.Native.Onnx;

/// <summary>ORT's log severities (<c>OrtLoggingLevel</c>); a level shows itself and everything more severe.</summary>
public enum OrtLoggingLevel
{
    /// <summary>Everything.</summary>
    Verbose = 0,
    /// <summary>Informational messages.</summary>
    Info = 1,
    /// <summary>Warnings.</summary>
    Warning = 2,
    /// <summary>Errors.</summary>
    Error = 3,
    /// <summary>Fatal errors only.</summary>
    Fatal = 4,
}
