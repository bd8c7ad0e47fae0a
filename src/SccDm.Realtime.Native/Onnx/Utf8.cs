using System.Runtime.InteropServices;
using System.Text;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>Null-terminated UTF-8 strings, the only string type the ORT C API takes on Linux.</summary>
internal static unsafe class Utf8
{
    /// <summary>Encodes <paramref name="text"/> with a terminating zero.</summary>
    public static byte[] Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Reads a null-terminated UTF-8 string; null reads as empty.</summary>
    public static string Read(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
