namespace SccDm.Realtime.Native.Onnx;

/// <summary>An ONNX Runtime call returned an error status; carries ORT's error code and message.</summary>
public class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception from ORT's code and message.</summary>
    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : base($"[ErrorCode:{errorCode}] {message}")
    {
        ErrorCode = errorCode;
        OrtMessage = message;
    }

    /// <summary>ORT's error code.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>ORT's message, without the error-code prefix.</summary>
    public string OrtMessage { get; }
}
