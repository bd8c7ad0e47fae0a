namespace SccDm.Realtime.Imaging;

/// <summary>
/// Small anti-aliased drawing helpers on tightly packed RGBA8 buffers (skeleton overlays, contact sheets).
/// Each shape is rasterised over its bounding box only, with coverage from the exact distance to the shape,
/// so nothing allocates and lines look the same at any angle.
/// </summary>
public static class PixelDraw
{
    /// <summary>Draws a line segment of <paramref name="thickness"/> pixels with round caps, blending colour 0xRRGGBBAA.</summary>
    public static void Line(Span<byte> rgba, int width, int height, double x0, double y0, double x1, double y1, double thickness, uint color)
    {
        CheckBuffer(rgba, width, height);
        double half = Math.Max(thickness, 0.5) * 0.5;
        int minX = Math.Max(0, (int)Math.Floor(Math.Min(x0, x1) - half - 1));
        int maxX = Math.Min(width - 1, (int)Math.Ceiling(Math.Max(x0, x1) + half + 1));
        int minY = Math.Max(0, (int)Math.Floor(Math.Min(y0, y1) - half - 1));
        int maxY = Math.Min(height - 1, (int)Math.Ceiling(Math.Max(y0, y1) + half + 1));
        double dx = x1 - x0, dy = y1 - y0;
        double len2 = (dx * dx) + (dy * dy);
        for (int y = minY; y <= maxY; y++)
        {
            double py = y + 0.5;
            for (int x = minX; x <= maxX; x++)
            {
                double px = x + 0.5;
                double t = len2 > 0 ? Math.Clamp((((px - x0) * dx) + ((py - y0) * dy)) / len2, 0, 1) : 0;
                double ex = px - (x0 + (t * dx)), ey = py - (y0 + (t * dy));
                double coverage = Math.Clamp(half + 0.5 - Math.Sqrt((ex * ex) + (ey * ey)), 0, 1);
                if (coverage > 0)
                {
                    BlendPixel(rgba, width, x, y, color, coverage);
                }
            }
        }
    }

    /// <summary>Fills a disc of <paramref name="radius"/> pixels centred at (cx, cy), blending colour 0xRRGGBBAA.</summary>
    public static void Disc(Span<byte> rgba, int width, int height, double cx, double cy, double radius, uint color)
    {
        CheckBuffer(rgba, width, height);
        int minX = Math.Max(0, (int)Math.Floor(cx - radius - 1));
        int maxX = Math.Min(width - 1, (int)Math.Ceiling(cx + radius + 1));
        int minY = Math.Max(0, (int)Math.Floor(cy - radius - 1));
        int maxY = Math.Min(height - 1, (int)Math.Ceiling(cy + radius + 1));
        for (int y = minY; y <= maxY; y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                double ex = x + 0.5 - cx, ey = y + 0.5 - cy;
                double coverage = Math.Clamp(radius + 0.5 - Math.Sqrt((ex * ex) + (ey * ey)), 0, 1);
                if (coverage > 0)
                {
                    BlendPixel(rgba, width, x, y, color, coverage);
                }
            }
        }
    }

    /// <summary>Fills an axis-aligned rectangle (clipped), blending colour 0xRRGGBBAA.</summary>
    public static void FillRect(Span<byte> rgba, int width, int height, int x, int y, int w, int h, uint color)
    {
        CheckBuffer(rgba, width, height);
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y), x1 = Math.Min(width, x + w), y1 = Math.Min(height, y + h);
        for (int yy = y0; yy < y1; yy++)
        {
            for (int xx = x0; xx < x1; xx++)
            {
                BlendPixel(rgba, width, xx, yy, color, 1);
            }
        }
    }

    /// <summary>
    /// Copies a <paramref name="srcWidth"/>×<paramref name="srcHeight"/> image with <paramref name="srcChannels"/>
    /// channels (1 gray, 3 RGB, 4 RGBA) into the RGBA destination at (dstX, dstY), resampled bilinearly to
    /// <paramref name="dstW"/>×<paramref name="dstH"/> and clipped. Alpha is written opaque.
    /// </summary>
    public static void Blit(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int srcChannels, Span<byte> rgba, int width, int height, int dstX, int dstY, int dstW, int dstH)
    {
        CheckBuffer(rgba, width, height);
        if (srcChannels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(srcChannels), srcChannels, "Source images have 1, 3 or 4 channels.");
        }

        if (src.Length < srcWidth * srcHeight * srcChannels)
        {
            throw new ArgumentException("Source buffer is smaller than its stated size.", nameof(src));
        }

        double sx = (double)srcWidth / dstW, sy = (double)srcHeight / dstH;
        for (int y = Math.Max(0, dstY); y < Math.Min(height, dstY + dstH); y++)
        {
            double fy = Math.Clamp(((y - dstY + 0.5) * sy) - 0.5, 0, srcHeight - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, srcHeight - 1);
            double wy = fy - y0;
            for (int x = Math.Max(0, dstX); x < Math.Min(width, dstX + dstW); x++)
            {
                double fx = Math.Clamp(((x - dstX + 0.5) * sx) - 0.5, 0, srcWidth - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, srcWidth - 1);
                double wx = fx - x0;
                int d = ((y * width) + x) * 4;
                for (int c = 0; c < 3; c++)
                {
                    int sc = srcChannels == 1 ? 0 : c;
                    double a = src[(((y0 * srcWidth) + x0) * srcChannels) + sc];
                    double b = src[(((y0 * srcWidth) + x1) * srcChannels) + sc];
                    double e = src[(((y1 * srcWidth) + x0) * srcChannels) + sc];
                    double f = src[(((y1 * srcWidth) + x1) * srcChannels) + sc];
                    double v = ((a + ((b - a) * wx)) * (1 - wy)) + ((e + ((f - e) * wx)) * wy);
                    rgba[d + c] = (byte)Math.Clamp((int)(v + 0.5), 0, 255);
                }

                rgba[d + 3] = 255;
            }
        }
    }

    /// <summary>Blends colour 0xRRGGBBAA into one pixel with extra <paramref name="coverage"/> in [0, 1].</summary>
    public static void BlendPixel(Span<byte> rgba, int width, int x, int y, uint color, double coverage)
    {
        double a = (color & 0xFF) / 255.0 * coverage;
        int i = ((y * width) + x) * 4;
        rgba[i] = Mix(rgba[i], (byte)(color >> 24), a);
        rgba[i + 1] = Mix(rgba[i + 1], (byte)(color >> 16), a);
        rgba[i + 2] = Mix(rgba[i + 2], (byte)(color >> 8), a);
        rgba[i + 3] = (byte)Math.Min(255, (int)(rgba[i + 3] + ((255 - rgba[i + 3]) * a) + 0.5));
    }

    private static byte Mix(byte dst, byte src, double a) => (byte)((dst * (1 - a)) + (src * a) + 0.5);

    private static void CheckBuffer(Span<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length < width * height * 4)
        {
            throw new ArgumentException($"An RGBA buffer of {width}×{height} needs {width * height * 4} bytes, got {rgba.Length}.", nameof(rgba));
        }
    }
}
