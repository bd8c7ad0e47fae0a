using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Glfw;

/// <summary><c>GLFWvidmode</c>: six ints (offsets 0, 4, 8, 12, 16, 20; 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct VideoMode
{
    /// <summary>Width in screen coordinates.</summary>
    public int Width;
    /// <summary>Height in screen coordinates.</summary>
    public int Height;
    /// <summary>Bits of red.</summary>
    public int RedBits;
    /// <summary>Bits of green.</summary>
    public int GreenBits;
    /// <summary>Bits of blue.</summary>
    public int BlueBits;
    /// <summary>Refresh rate in Hz.</summary>
    public int RefreshRate;
}
