using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>A model file is missing, unreadable, truncated or not ONNX. The message names the file and carries ORT's reason.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string path, string message, OrtErrorCode errorCode = OrtErrorCode.Fail, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        ErrorCode = errorCode;
    }

    /// <summary>The model file, as given.</summary>
    public string Path { get; }

    /// <summary>ORT's error code, or <see cref="OrtErrorCode.NoSuchFile"/> when the file is not there.</summary>
    public OrtErrorCode ErrorCode { get; }
}
