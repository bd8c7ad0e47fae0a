namespace SccDm.Realtime.Sampling.Reference;

/// <summary>
/// The C# reference of the camera → cond step (shaders/camera_to_cond.comp): an RGBA8 camera frame of any size
/// becomes the model's square gray condition in [−1, 1]. Gray is the luma 0.299·R + 0.587·G + 0.114·B of the
/// 0…255 values, then /127.5 − 1, in float32 and in that order, as the training data
/// (models/training/sccdm_train/dataset.py). The frame is letterboxed (<see cref="LetterboxLayout"/>) and sampled
/// bilinearly with half-pixel centres and edge clamp; the bands outside it are −1 (black).
/// </summary>
public static class CameraToCond
{
    /// <summary>The value of the letterbox bands: black.</summary>
    public const float PadValue = -1f;

    /// <summary>Gray of one 8-bit RGB pixel, normalised to [−1, 1].</summary>
    public static float Gray(byte r, byte g, byte b)
    {
        float luma = 0.299f * r + 0.587f * g + 0.114f * b;
        return luma / 127.5f - 1f;
    }

    /// <summary>
    /// Writes the <paramref name="size"/>² condition for the tightly packed RGBA8 frame <paramref name="rgba"/>
    /// (<paramref name="frameWidth"/> × <paramref name="frameHeight"/>) into <paramref name="cond"/>.
    /// </summary>
    public static void Apply(ReadOnlySpan<byte> rgba, int frameWidth, int frameHeight, Span<float> cond, int size, FrameFit fit = FrameFit.Letterbox)
    {
        LetterboxLayout layout = LetterboxLayout.For(frameWidth, frameHeight, size, fit);
        if (rgba.Length < (long)frameWidth * frameHeight * 4)
        {
            throw new ArgumentException($"a {frameWidth}×{frameHeight} RGBA8 frame needs {(long)frameWidth * frameHeight * 4} bytes, got {rgba.Length}", nameof(rgba));
        }
        if (cond.Length < size * size)
        {
            throw new ArgumentException($"cond must hold {size}×{size} values, got {cond.Length}", nameof(cond));
        }

        for (int y = 0; y < size; y++)
        {
            int cy = y - layout.OffsetY;
            bool rowInside = cy >= 0 && cy < layout.ContentHeight;
            int y0 = 0, y1 = 0;
            float wy = 0;
            if (rowInside)
            {
                (y0, y1, wy) = Taps(cy, layout.ScaleY, frameHeight);
            }
            for (int x = 0; x < size; x++)
            {
                int cx = x - layout.OffsetX;
                if (!rowInside || cx < 0 || cx >= layout.ContentWidth)
                {
                    cond[y * size + x] = PadValue;
                    continue;
                }
                (int x0, int x1, float wx) = Taps(cx, layout.ScaleX, frameWidth);
                float top = Lerp(GrayAt(rgba, frameWidth, x0, y0), GrayAt(rgba, frameWidth, x1, y0), wx);
                float bottom = Lerp(GrayAt(rgba, frameWidth, x0, y1), GrayAt(rgba, frameWidth, x1, y1), wx);
                cond[y * size + x] = Lerp(top, bottom, wy);
            }
        }
    }

    // Half-pixel centres with edge clamp, written like SamplerMath.FuseMultiScale (the shaders share include/half_pixel.glsl).
    private static (int I0, int I1, float W) Taps(int i, float scale, int size)
    {
        float f = Math.Max((i + 0.5f) * scale - 0.5f, 0f);
        int i0 = Math.Min((int)f, size - 1);
        int i1 = Math.Min(i0 + 1, size - 1);
        return (i0, i1, f - i0);
    }

    private static float Lerp(float a, float b, float w) => a + w * (b - a);

    private static float GrayAt(ReadOnlySpan<byte> rgba, int width, int x, int y)
    {
        int p = (y * width + x) * 4;
        return Gray(rgba[p], rgba[p + 1], rgba[p + 2]);
    }
}
