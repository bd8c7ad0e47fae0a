using System.Runtime.InteropServices;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Fast integer drawing on RGBA8 buffers for the per-frame composition: opaque fills, alpha-blended rectangles and
/// bilinear blits through <see cref="ScaleTable"/>s. (PixelDraw's general helpers work in doubles per channel, which
/// is fine for skeletons and text but too slow for whole panels at display rate.) Nothing allocates.
/// Colours are 0xRRGGBBAA like PixelDraw's.
/// </summary>
internal static class ImageBlit
{
    /// <summary>The colour as the little-endian uint whose bytes are R, G, B, A in memory.</summary>
    public static uint Packed(uint rgba) =>
        ((rgba >> 24) & 0xFF) | (((rgba >> 16) & 0xFF) << 8) | (((rgba >> 8) & 0xFF) << 16) | ((rgba & 0xFF) << 24);

    /// <summary>Fills <paramref name="rect"/> (clipped) with an opaque colour.</summary>
    public static void Fill(Span<byte> rgba, int width, int height, PixelRect rect, uint color)
    {
        var (x0, y0, x1, y1) = Clip(rect, width, height);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        uint packed = Packed(color | 0xFF);
        for (int y = y0; y < y1; y++)
        {
            pixels.Slice((y * width) + x0, x1 - x0).Fill(packed);
        }
    }

    /// <summary>Blends a translucent colour over <paramref name="rect"/> (clipped) by the colour's alpha.</summary>
    public static void Blend(Span<byte> rgba, int width, int height, PixelRect rect, uint color)
    {
        var (x0, y0, x1, y1) = Clip(rect, width, height);
        int a = (int)(color & 0xFF);
        if (x0 >= x1 || y0 >= y1 || a == 0)
        {
            return;
        }

        int inv = 255 - a;
        int r = (int)(color >> 24) * a, g = (int)((color >> 16) & 0xFF) * a, b = (int)((color >> 8) & 0xFF) * a;
        for (int y = y0; y < y1; y++)
        {
            int i = ((y * width) + x0) * 4;
            for (int x = x0; x < x1; x++, i += 4)
            {
                rgba[i] = (byte)((r + (rgba[i] * inv) + 127) / 255);
                rgba[i + 1] = (byte)((g + (rgba[i + 1] * inv) + 127) / 255);
                rgba[i + 2] = (byte)((b + (rgba[i + 2] * inv) + 127) / 255);
            }
        }
    }

    /// <summary>Draws a 1-pixel-wide (or <paramref name="thickness"/>) opaque outline just inside <paramref name="rect"/>.</summary>
    public static void Outline(Span<byte> rgba, int width, int height, PixelRect rect, uint color, int thickness = 1)
    {
        Fill(rgba, width, height, new PixelRect(rect.X, rect.Y, rect.W, thickness), color);
        Fill(rgba, width, height, new PixelRect(rect.X, rect.Bottom - thickness, rect.W, thickness), color);
        Fill(rgba, width, height, new PixelRect(rect.X, rect.Y, thickness, rect.H), color);
        Fill(rgba, width, height, new PixelRect(rect.Right - thickness, rect.Y, thickness, rect.H), color);
    }

    /// <summary>
    /// Bilinear blit of a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> image with
    /// <paramref name="channels"/> = 4 (RGBA, alpha ignored) or 1 (gray) onto <paramref name="target"/>, clipped.
    /// </summary>
    public static void Bilinear(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int channels, Span<byte> rgba, int width, int height, PixelRect target, ScaleTable xs, ScaleTable ys)
    {
        if (target.IsEmpty || sourceWidth <= 0 || sourceHeight <= 0)
        {
            return;
        }

        if (channels is not (1 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray) or 4 (RGBA) channels");
        }

        xs.Ensure(sourceWidth, target.W);
        ys.Ensure(sourceHeight, target.H);
        var xi = xs.Index;
        var xw = xs.Weight;
        var yi = ys.Index;
        var yw = ys.Weight;
        var (x0, y0, x1, y1) = Clip(target, width, height);
        int stride = sourceWidth * channels;
        int nextColumn = sourceWidth > 1 ? channels : 0;
        int nextRow = sourceHeight > 1 ? stride : 0;
        for (int y = y0; y < y1; y++)
        {
            int ty = y - target.Y;
            int row = yi[ty] * stride;
            int wy = yw[ty], iwy = 256 - wy;
            int d = ((y * width) + x0) * 4;
            for (int x = x0; x < x1; x++, d += 4)
            {
                int tx = x - target.X;
                int s = row + (xi[tx] * channels);
                int wx = xw[tx], iwx = 256 - wx;
                if (channels == 1)
                {
                    int top = (source[s] * iwx) + (source[s + nextColumn] * wx);
                    int bottom = (source[s + nextRow] * iwx) + (source[s + nextRow + nextColumn] * wx);
                    byte v = (byte)(((top * iwy) + (bottom * wy) + 32768) >> 16);
                    rgba[d] = v;
                    rgba[d + 1] = v;
                    rgba[d + 2] = v;
                }
                else
                {
                    for (int c = 0; c < 3; c++)
                    {
                        int top = (source[s + c] * iwx) + (source[s + nextColumn + c] * wx);
                        int bottom = (source[s + nextRow + c] * iwx) + (source[s + nextRow + nextColumn + c] * wx);
                        rgba[d + c] = (byte)(((top * iwy) + (bottom * wy) + 32768) >> 16);
                    }
                }

                rgba[d + 3] = 255;
            }
        }
    }

    private static (int X0, int Y0, int X1, int Y1) Clip(PixelRect rect, int width, int height) =>
        (Math.Max(0, rect.X), Math.Max(0, rect.Y), Math.Min(width, rect.Right), Math.Min(height, rect.Bottom));
}
