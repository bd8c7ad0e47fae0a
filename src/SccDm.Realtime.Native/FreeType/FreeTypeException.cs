namespace SccDm.Realtime.Native.FreeType;

/// <summary>A FreeType call failed or the library is missing; the message says which call, on what, and FreeType's error code.</summary>
public sealed class FreeTypeException(string message, int errorCode = 0, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>FreeType's <c>FT_Error</c>, or 0 when the library itself is missing.</summary>
    public int ErrorCode { get; } = errorCode;
}
