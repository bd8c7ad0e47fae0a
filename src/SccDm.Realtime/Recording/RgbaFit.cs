namespace SccDm.Realtime.Recording;

/// <summary>Scales an RGBA image into another size, keeping its aspect ratio (black bars), nearest neighbour.</summary>
internal static class RgbaFit
{
    /// <summary>Fits <paramref name="source"/> (<paramref name="sw"/>×<paramref name="sh"/>) into <paramref name="destination"/> (<paramref name="dw"/>×<paramref name="dh"/>).</summary>
    public static void Nearest(ReadOnlySpan<byte> source, int sw, int sh, Span<byte> destination, int dw, int dh)
    {
        double scale = Math.Min((double)dw / sw, (double)dh / sh);
        int fw = Math.Max(1, (int)(sw * scale)), fh = Math.Max(1, (int)(sh * scale));
        int ox = (dw - fw) / 2, oy = (dh - fh) / 2;
        destination[..(dw * dh * 4)].Clear();
        for (int y = 0; y < fh; y++)
        {
            int sy = Math.Min(sh - 1, (int)(y / scale));
            var dstRow = destination.Slice(((oy + y) * dw + ox) * 4, fw * 4);
            var srcRow = source.Slice(sy * sw * 4, sw * 4);
            for (int x = 0; x < fw; x++)
            {
                int sx = Math.Min(sw - 1, (int)(x / scale));
                srcRow.Slice(sx * 4, 4).CopyTo(dstRow.Slice(x * 4, 4));
            }
        }
    }
}
