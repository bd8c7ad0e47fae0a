using SccDm.Realtime.Imaging;

namespace SccDm.Realtime.Keypoints;

/// <summary>
/// Turns the detector's heatmaps into keypoints: the arg-max cell, then per axis the vertex of the parabola through
/// the logarithms of that cell and its two neighbours (exact for a Gaussian peak). As in DARK (Zhang et al. 2020)
/// the values come from the map blurred by a small Gaussian (σ = 1 heatmap pixel, 7 taps): a learnt peak is never
/// exactly the training target's Gaussian, and blurred it is close enough to one that the vertex is unbiased at
/// every sub-cell position. Where the taps would leave the map (the peak within four cells of its edge) that axis
/// uses the raw values; a border cell gets no refinement. The confidence is the raw peak value.
/// Coordinates are continuous image pixels with pixel centres at +0.5 (the phantom's convention): heatmap cell u,
/// whose centre is at u + 0.5, maps to x_img = (u + 0.5)·stride. The Python decoder (models/training,
/// <c>sccdm_train/detector.py</c>) is the same computation; the model's <c>sccdm.subpixel</c> metadata names it.
/// </summary>
public static class HeatmapDecoder
{
    /// <summary>The blur's σ in heatmap pixels.</summary>
    public const float BlurSigma = 1f;

    private const int Radius = 3; // ⌈3σ⌉
    private static readonly float[] Taps = Array.ConvertAll(GaussianWeights.Normalized(Radius, BlurSigma), w => (float)w);

    /// <summary>Decodes <paramref name="count"/> maps of <paramref name="width"/>×<paramref name="height"/>.</summary>
    /// <param name="heatmaps">[count, height, width] row-major probabilities.</param>
    /// <param name="count">Number of maps (keypoints).</param>
    /// <param name="width">Width of each map.</param>
    /// <param name="height">Height of each map.</param>
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
            float dx = Offset(map, width, height, px, py, 1, 0, px, width);
            float dy = Offset(map, width, height, px, py, 0, 1, py, height);
            result[k] = new DetectedKeypoint((px + dx + 0.5f) * stride, (py + dy + 0.5f) * stride, peak);
        }
    }

    // The sub-cell offset along the axis (ax, ay) of the peak at (px, py), whose coordinate on that axis is i of n.
    private static float Offset(ReadOnlySpan<float> map, int width, int height, int px, int py, int ax, int ay, int i, int n)
    {
        if (i <= 0 || i >= n - 1)
        {
            return 0f;
        }
        if (i > Radius && i < n - 1 - Radius)
        {
            return Vertex(Blurred(map, width, height, px - ax, py - ay), Blurred(map, width, height, px, py),
                Blurred(map, width, height, px + ax, py + ay), 1f);
        }
        int at = py * width + px, step = ay * width + ax;
        return Vertex(map[at - step], map[at], map[at + step], 0.5f);
    }

    // The map blurred at (x, y): separable Gaussian taps, zero outside the map (the same as a zero-padded convolution).
    private static float Blurred(ReadOnlySpan<float> map, int width, int height, int x, int y)
    {
        float sum = 0f;
        for (int j = -Radius; j <= Radius; j++)
        {
            int yy = y + j;
            if (yy < 0 || yy >= height)
            {
                continue;
            }
            float row = 0f;
            ReadOnlySpan<float> line = map.Slice(yy * width, width);
            for (int i = -Radius; i <= Radius; i++)
            {
                int xx = x + i;
                if (xx >= 0 && xx < width)
                {
                    row += Taps[i + Radius] * line[xx];
                }
            }
            sum += Taps[j + Radius] * row;
        }
        return sum;
    }

    // Offset of the vertex of the parabola through (−1, ln a), (0, ln b), (1, ln c), limited to ±limit cells.
    private static float Vertex(float a, float b, float c, float limit)
    {
        float la = MathF.Log(MathF.Max(a, 1e-6f)), lb = MathF.Log(MathF.Max(b, 1e-6f)), lc = MathF.Log(MathF.Max(c, 1e-6f));
        float denominator = la - 2 * lb + lc;
        if (denominator >= 0)
        {
            return 0f;
        }
        return Math.Clamp(0.5f * (la - lc) / denominator, -limit, limit);
    }
}
