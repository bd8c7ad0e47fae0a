namespace SccDm.Realtime.Gpu;

/// <summary>
/// No usable Vulkan: the loader (libvulkan.so.1) is missing, no device/driver is present, or a required layer or
/// extension is absent. The message says what to install (Debian package names) and is meant to be shown as is.
/// </summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the underlying cause.</summary>
    public GpuUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
