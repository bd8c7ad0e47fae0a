namespace SccDm.Realtime.Imaging;

/// <summary>Resizing of single-channel float images.</summary>
public static class GrayResize
{
    /// <summary>
    /// Bilinear resize with half-pixel centres and edge clamp (torch's <c>align_corners=False</c>, PIL's bilinear when
    /// enlarging), so continuous coordinates scale by dst/src exactly.
    /// </summary>
    public static void Bilinear(ReadOnlySpan<float> src, int srcWidth, int srcHeight, Span<float> dst, int dstWidth, int dstHeight)
    {
        if (src.Length < srcWidth * srcHeight || dst.Length < dstWidth * dstHeight)
        {
            throw new ArgumentException($"expected {srcWidth}×{srcHeight} source and {dstWidth}×{dstHeight} destination values");
        }
        float sx = (float)srcWidth / dstWidth, sy = (float)srcHeight / dstHeight;
        for (int y = 0; y < dstHeight; y++)
        {
            float fy = Math.Max((y + 0.5f) * sy - 0.5f, 0f);
            int y0 = Math.Min((int)fy, srcHeight - 1), y1 = Math.Min(y0 + 1, srcHeight - 1);
            float wy = fy - y0;
            for (int x = 0; x < dstWidth; x++)
            {
                float fx = Math.Max((x + 0.5f) * sx - 0.5f, 0f);
                int x0 = Math.Min((int)fx, srcWidth - 1), x1 = Math.Min(x0 + 1, srcWidth - 1);
                float wx = fx - x0;
                float top = src[y0 * srcWidth + x0] + wx * (src[y0 * srcWidth + x1] - src[y0 * srcWidth + x0]);
                float bottom = src[y1 * srcWidth + x0] + wx * (src[y1 * srcWidth + x1] - src[y1 * srcWidth + x0]);
                dst[y * dstWidth + x] = top + wy * (bottom - top);
            }
        }
    }
}
