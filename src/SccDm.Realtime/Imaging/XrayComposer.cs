using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Imaging;

/// <summary>
/// Turns a synthetic X-ray ([−1, 1] floats) into display pixels and draws the keypoint skeleton over it (points
/// coloured by confidence: green ≥ 0.85, amber ≥ <see cref="Kcc.DefaultTau"/>, red below). Used by <c>sccdm synth
/// --overlay</c> and the embedding API's composed view. Allocates nothing.
/// </summary>
public static class XrayComposer
{
    /// <summary>Skeleton line colour (RGBA).</summary>
    public const uint EdgeColor = 0x40C0FFD0;

    /// <summary>
    /// Maps an X-ray value to an 8-bit gray level: clamp((v + 1) · 127.5 + 0.5, 0, 255).
    /// </summary>
    public static byte ToGray(float value) => (byte)Math.Clamp((value + 1f) * 127.5f + 0.5f, 0f, 255f);

    /// <summary>Writes <see cref="ToGray(float)"/> of each value of <paramref name="xray"/> into <paramref name="gray"/>.</summary>
    public static void ToGray(ReadOnlySpan<float> xray, Span<byte> gray)
    {
        if (gray.Length < xray.Length)
        {
            throw new ArgumentException($"the gray buffer holds {gray.Length} bytes; the X-ray has {xray.Length} values", nameof(gray));
        }

        for (int i = 0; i < xray.Length; i++)
        {
            gray[i] = ToGray(xray[i]);
        }
    }

    /// <summary>Writes the X-ray as opaque gray RGBA8 (same size) into <paramref name="rgba"/>.</summary>
    public static void ToRgba(ReadOnlySpan<float> xray, Span<byte> rgba)
    {
        if (rgba.Length < xray.Length * 4)
        {
            throw new ArgumentException($"the RGBA buffer holds {rgba.Length} bytes; the X-ray needs {xray.Length * 4}", nameof(rgba));
        }

        for (int i = 0, o = 0; i < xray.Length; i++, o += 4)
        {
            byte g = ToGray(xray[i]);
            rgba[o] = g;
            rgba[o + 1] = g;
            rgba[o + 2] = g;
            rgba[o + 3] = 255;
        }
    }

    /// <summary>The colour of a keypoint of confidence <paramref name="confidence"/> (RGBA).</summary>
    public static uint PointColor(float confidence) =>
        confidence >= 0.85f ? 0x50D070FFu : confidence >= Kcc.DefaultTau ? 0xF0C040FFu : 0xE05050FFu;

    /// <summary>
    /// Draws the skeleton edges and the points of <paramref name="keypoints"/> (X-ray pixel coordinates, multiplied
    /// by <paramref name="scale"/>) into <paramref name="rgba"/>.
    /// </summary>
    public static void DrawSkeleton(Span<byte> rgba, int width, int height, ReadOnlySpan<DetectedKeypoint> keypoints, double scale)
    {
        if (keypoints.Length < FootSkeleton.Count)
        {
            throw new ArgumentException($"the skeleton needs {FootSkeleton.Count} keypoints, got {keypoints.Length}", nameof(keypoints));
        }

        double thickness = Math.Max(1.0, scale / 2);
        double radius = Math.Max(1.5, scale * 1.25);
        foreach (var (from, to) in FootSkeleton.Edges)
        {
            DetectedKeypoint a = keypoints[(int)from], b = keypoints[(int)to];
            PixelDraw.Line(rgba, width, height, a.X * scale, a.Y * scale, b.X * scale, b.Y * scale, thickness, EdgeColor);
        }

        for (int i = 0; i < FootSkeleton.Count; i++)
        {
            DetectedKeypoint k = keypoints[i];
            PixelDraw.Disc(rgba, width, height, k.X * scale, k.Y * scale, radius, PointColor(k.Confidence));
        }
    }
}
