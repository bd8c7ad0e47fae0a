namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>Checks on RGBA pixel buffers.</summary>
internal static class ImageAssert
{
    /// <summary>Distinct RGB colours in the image (capped): a uniform image has one.</summary>
    public static int DistinctColours(ReadOnlySpan<byte> rgba, int cap = 1000)
    {
        var colours = new HashSet<int>();
        for (int i = 0; i + 3 < rgba.Length && colours.Count < cap; i += 4)
        {
            colours.Add(rgba[i] | (rgba[i + 1] << 8) | (rgba[i + 2] << 16));
        }

        return colours.Count;
    }

    /// <summary>The RGB of one pixel.</summary>
    public static (byte R, byte G, byte B) Pixel(ReadOnlySpan<byte> rgba, int width, int x, int y)
    {
        int i = ((y * width) + x) * 4;
        return (rgba[i], rgba[i + 1], rgba[i + 2]);
    }

    /// <summary>Pixels in the rectangle brighter than <paramref name="threshold"/> in every channel.</summary>
    public static int BrightPixels(ReadOnlySpan<byte> rgba, int width, int x0, int y0, int w, int h, int threshold = 200)
    {
        int n = 0;
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                var (r, g, b) = Pixel(rgba, width, x, y);
                if (r > threshold && g > threshold && b > threshold)
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Pixels of two same-sized images whose R, G or B differ by more than <paramref name="tolerance"/>.</summary>
    public static int PixelsDifferingBy(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int tolerance)
    {
        Assert.Equal(a.Length, b.Length);
        int n = 0;
        for (int i = 0; i + 3 < a.Length; i += 4)
        {
            if (Math.Abs(a[i] - b[i]) > tolerance || Math.Abs(a[i + 1] - b[i + 1]) > tolerance || Math.Abs(a[i + 2] - b[i + 2]) > tolerance)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Pixels of exactly <paramref name="rgb"/> inside <paramref name="rect"/>.</summary>
    public static int CountColour(ReadOnlySpan<byte> rgba, int width, SccDm.Realtime.App.Kiosk.PixelRect rect, (byte R, byte G, byte B) rgb)
    {
        int n = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
        {
            for (int x = rect.X; x < rect.Right; x++)
            {
                n += Pixel(rgba, width, x, y) == rgb ? 1 : 0;
            }
        }

        return n;
    }

    /// <summary>Pixels that differ between two images inside a rectangle.</summary>
    public static int DifferingPixels(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int width, int x0, int y0, int w, int h)
    {
        int n = 0;
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                if (Pixel(a, width, x, y) != Pixel(b, width, x, y))
                {
                    n++;
                }
            }
        }

        return n;
    }
}
