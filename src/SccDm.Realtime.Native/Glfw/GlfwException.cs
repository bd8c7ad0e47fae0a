namespace SccDm.Realtime.Native.Glfw;

/// <summary>A GLFW call failed; carries GLFW's error code and description.</summary>
public sealed class GlfwException(int errorCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>GLFW's error code (e.g. <see cref="Glfw.PlatformError"/>), or 0 when the library itself is missing.</summary>
    public int ErrorCode { get; } = errorCode;
}
