namespace SccDm.Realtime.Native.Png;

/// <summary>Pixel layouts the PNG codec reads and writes, 8 bits per channel.</summary>
public enum PngPixelFormat
{
    /// <summary>One byte per pixel, luminance.</summary>
    Gray = 0,
    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb = 2,
    /// <summary>Four bytes per pixel: red, green, blue, alpha.</summary>
    Rgba = 3,
}
