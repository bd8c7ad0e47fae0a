namespace SccDm.Realtime.Native.Png;

/// <summary>A decoded PNG: tightly packed 8-bit pixels in <see cref="Format"/>.</summary>
public sealed record PngImage(int Width, int Height, PngPixelFormat Format, byte[] Pixels)
{
    /// <summary>Bytes per pixel of <see cref="Format"/>.</summary>
    public int Channels => PngCodec.ChannelsOf(Format);
}
