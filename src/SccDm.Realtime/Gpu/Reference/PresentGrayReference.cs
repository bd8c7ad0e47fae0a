namespace SccDm.Realtime.Gpu.Reference;

/// <summary>
/// CPU reference of shaders/present_gray.frag as drawn by <see cref="OffscreenRenderer"/>: bilinear resampling with
/// pixel-center alignment and clamp-to-edge, values in [-1, 1] mapped to gray = clamp((v + 1) / 2, 0, 1),
/// written as RGBA8 (alpha 255), rows top to bottom. The GPU's float→UNORM rounding may differ by 1.
/// </summary>
public static class PresentGrayReference
{
    /// <summary>Renders <paramref name="src"/> (row-major, srcWidth x srcHeight) into <paramref name="rgba"/> (dstWidth x dstHeight x 4 bytes).</summary>
    public static void Render(ReadOnlySpan<float> src, int srcWidth, int srcHeight, Span<byte> rgba, int dstWidth, int dstHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(srcWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(srcHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dstWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dstHeight, 1);
        if (src.Length < srcWidth * srcHeight || rgba.Length < dstWidth * dstHeight * 4)
        {
            throw new ArgumentException("buffer too small for the given sizes");
        }

        var scaleX = (float)srcWidth / dstWidth;
        var scaleY = (float)srcHeight / dstHeight;
        for (var y = 0; y < dstHeight; y++)
        {
            var py = ((y + 0.5f) * scaleY) - 0.5f;
            var by = MathF.Floor(py);
            var fy = py - by;
            var y0 = (int)by;
            for (var x = 0; x < dstWidth; x++)
            {
                var px = ((x + 0.5f) * scaleX) - 0.5f;
                var bx = MathF.Floor(px);
                var fx = px - bx;
                var x0 = (int)bx;
                var top = Mix(Texel(src, srcWidth, srcHeight, x0, y0), Texel(src, srcWidth, srcHeight, x0 + 1, y0), fx);
                var bottom = Mix(Texel(src, srcWidth, srcHeight, x0, y0 + 1), Texel(src, srcWidth, srcHeight, x0 + 1, y0 + 1), fx);
                var v = Mix(top, bottom, fy);
                var gray = (byte)MathF.Round(Math.Clamp((v + 1f) * 0.5f, 0f, 1f) * 255f);
                var o = ((y * dstWidth) + x) * 4;
                rgba[o] = gray;
                rgba[o + 1] = gray;
                rgba[o + 2] = gray;
                rgba[o + 3] = 255;
            }
        }
    }

    private static float Mix(float a, float b, float t) => a + ((b - a) * t);

    private static float Texel(ReadOnlySpan<float> src, int width, int height, int x, int y) =>
        src[(Math.Clamp(y, 0, height - 1) * width) + Math.Clamp(x, 0, width - 1)];
}
