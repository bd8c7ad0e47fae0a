namespace SccDm.Realtime.Keypoints;

/// <summary>
/// Turns the detector's heatmaps into keypoints: arg-max, then sub-pixel refinement on each axis by a parabola
/// through the logarithms of the peak and its two neighbours (exact for a Gaussian peak, as the training targets
/// are; no refinement on a border cell). The confidence is the peak value.
/// Coordinates are continuous image pixels with pixel centres at +0.5 (the phantom's convention): heatmap cell u,
/// whose centre is at u + 0.5, maps to x_img = (u + 0.5)·stride.
/// </summary>
public static class HeatmapDecoder
{
    /// <summary>Decodes <paramref name="count"/> maps of <paramref name="width"/>×<paramref name="height"/>.</summary>
    /// <param name="heatmaps">[count, height, width] row-major probabilities.</param>
    /// <param name="stride">Image pixels per heatmap pixel (4 for the contract's H/4 maps).</param>
    /// <param name="result">Receives one <see cref="DetectedKeypoint"/> per map.</param>
    public static void Decode(ReadOnlySpan<float> heatmaps, int count, int width, int height, float stride, Span<DetectedKeypoint> result)
    {
        int plane = width * height;
        if (heatmaps.Length < count * plane || result.Length < count)
        {
            throw new ArgumentException($"expected {count}×{height}×{width} heatmap values and {count} results");
        }
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<float> map = heatmaps.Slice(k * plane, plane);
            int best = 0;
            float peak = map[0];
            for (int i = 1; i < plane; i++)
            {
                if (map[i] > peak)
                {
                    peak = map[i];
                    best = i;
                }
            }
            int px = best % width, py = best / width;
            float dx = px > 0 && px < width - 1 ? Vertex(map[best - 1], peak, map[best + 1]) : 0f;
            float dy = py > 0 && py < height - 1 ? Vertex(map[best - width], peak, map[best + width]) : 0f;
            result[k] = new DetectedKeypoint((px + dx + 0.5f) * stride, (py + dy + 0.5f) * stride, peak);
        }
    }

    // Offset of the vertex of the parabola through (−1, ln a), (0, ln b), (1, ln c), limited to half a cell.
    private static float Vertex(float a, float b, float c)
    {
        float la = MathF.Log(MathF.Max(a, 1e-6f)), lb = MathF.Log(MathF.Max(b, 1e-6f)), lc = MathF.Log(MathF.Max(c, 1e-6f));
        float denominator = la - 2 * lb + lc;
        if (denominator >= 0)
        {
            return 0f;
        }
        return Math.Clamp(0.5f * (la - lc) / denominator, -0.5f, 0.5f);
    }
}
