namespace SccDm.Realtime.Gpu.Reference;

/// <summary>
/// CPU reference of shaders/gaussian_blur.comp: the SCCDM sampler blur, a 5-tap Gaussian with sigma = 1.0 and
/// weights exp(-k²/2), k = -2..2, normalized to sum 1, applied separably (horizontal, then vertical) with
/// clamp-to-edge borders. Same weight literals and summation order as the shader, in single precision.
/// </summary>
public static class GaussianBlurReference
{
    /// <summary>Weight of the center tap (k = 0).</summary>
    public const float Weight0 = 0.40261994689424746f;

    /// <summary>Weight of the taps at |k| = 1.</summary>
    public const float Weight1 = 0.24420134200323335f;

    /// <summary>Weight of the taps at |k| = 2.</summary>
    public const float Weight2 = 0.054488684549642945f;

    /// <summary>Blurs a row-major <paramref name="width"/> x <paramref name="height"/> image from <paramref name="src"/> into <paramref name="dst"/>.</summary>
    public static void Apply(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var count = checked(width * height);
        if (src.Length < count || dst.Length < count)
        {
            throw new ArgumentException($"buffers must hold {width}x{height} = {count} values");
        }

        Apply(src, dst, new float[count], width, height);
    }

    /// <summary>As <see cref="Apply(ReadOnlySpan{float}, Span{float}, int, int)"/>, with a caller-owned scratch of at least width × height values, so a frame allocates nothing.</summary>
    public static void Apply(ReadOnlySpan<float> src, Span<float> dst, Span<float> scratch, int width, int height)
    {
        int count = checked(width * height);
        if (src.Length < count || dst.Length < count || scratch.Length < count)
        {
            throw new ArgumentException($"buffers must hold {width}x{height} = {count} values");
        }
        Pass(src, scratch, width, height, 1, 0);
        Pass(scratch, dst, width, height, 0, 1);
    }

    private static void Pass(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int dx, int dy)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = Weight2 * At(src, width, height, x - (2 * dx), y - (2 * dy));
                sum += Weight1 * At(src, width, height, x - dx, y - dy);
                sum += Weight0 * At(src, width, height, x, y);
                sum += Weight1 * At(src, width, height, x + dx, y + dy);
                sum += Weight2 * At(src, width, height, x + (2 * dx), y + (2 * dy));
                dst[(y * width) + x] = sum;
            }
        }
    }

    private static float At(ReadOnlySpan<float> src, int width, int height, int x, int y) =>
        src[(Math.Clamp(y, 0, height - 1) * width) + Math.Clamp(x, 0, width - 1)];
}
