using System.Runtime.InteropServices;
using System.Text;

namespace SccDm.Realtime.Native.Vulkan;

/// <summary>Conversions between Vulkan's NUL-terminated UTF-8 strings and .NET strings.</summary>
public static unsafe class VkString
{
    /// <summary>Reads a NUL-terminated UTF-8 string from a fixed-size array such as <c>PhysicalDeviceProperties.DeviceName</c>.</summary>
    public static string Read(ReadOnlySpan<byte> buffer)
    {
        var end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]);
    }

    /// <summary>Reads a NUL-terminated UTF-8 string from a pointer; null gives an empty string.</summary>
    public static string Read(byte* text) =>
        text == null ? string.Empty : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));

    /// <summary>Encodes a string as NUL-terminated UTF-8 (for pApplicationName, ppEnabledExtensionNames...).</summary>
    public static byte[] ToUtf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
