namespace SccDm.Realtime.Tests.Onnx;

/// <summary>
/// The fixtures' maths in plain C#, from the same weight formulas as tests/fixtures/make_fixtures.py; tests compare
/// ORT's outputs with these.
/// </summary>
internal static class TinyDenoiserReference
{
    public const int Size = 32;
    public const float ConvBias = 0.05f;
    public const float TScale = 0.001f;

    /// <summary>W[0,c,ky,kx] = ((c·9 + ky·3 + kx) mod 7 − 3) / 10.</summary>
    public static float ConvWeight(int c, int ky, int kx) => (((c * 9) + (ky * 3) + kx) % 7 - 3) / 10.0f;

    /// <summary>W[k,0,ky,kx] = ((k·16 + ky·4 + kx) mod 5 − 2) / 8.</summary>
    public static float KeypointWeight(int k, int ky, int kx) => (((k * 16) + (ky * 4) + kx) % 5 - 2) / 8.0f;

    /// <summary>3×3 conv of concat(d_t, cond), zero padding, plus bias; one image of <see cref="Size"/>².</summary>
    public static float[] Conv(ReadOnlySpan<float> dt, ReadOnlySpan<float> cond)
    {
        var result = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double sum = ConvBias;
                for (int c = 0; c < 2; c++)
                {
                    var src = c == 0 ? dt : cond;
                    for (int ky = 0; ky < 3; ky++)
                    {
                        for (int kx = 0; kx < 3; kx++)
                        {
                            int sy = y + ky - 1, sx = x + kx - 1;
                            if (sy >= 0 && sy < Size && sx >= 0 && sx < Size)
                            {
                                sum += ConvWeight(c, ky, kx) * src[sy * Size + sx];
                            }
                        }
                    }
                }
                result[y * Size + x] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>eps = conv + 0.001·t.</summary>
    public static float[] Eps(ReadOnlySpan<float> dt, ReadOnlySpan<float> cond, long t)
    {
        var eps = Conv(dt, cond);
        float shift = t * TScale;
        for (int i = 0; i < eps.Length; i++)
        {
            eps[i] += shift;
        }
        return eps;
    }

    /// <summary>16·softmax of the 8×8 block means of d_t: a 4×4 map whose mean is 1.</summary>
    public static float[] Attn(ReadOnlySpan<float> dt)
    {
        var pooled = Pool(dt, Size, 8, abs: false);
        double max = pooled.Max();
        var exp = pooled.Select(v => Math.Exp(v - max)).ToArray();
        double total = exp.Sum();
        return exp.Select(e => (float)(16 * e / total)).ToArray();
    }

    /// <summary>Mean of |conv| over <paramref name="block"/>² blocks.</summary>
    public static float[] Feature(ReadOnlySpan<float> conv, int block) => Pool(conv, Size, block, abs: true);

    /// <summary>sigmoid(conv4×4 stride 4 (xray)): 10 maps of 8×8.</summary>
    public static float[] Heatmaps(ReadOnlySpan<float> xray)
    {
        const int outSize = Size / 4;
        var result = new float[10 * outSize * outSize];
        for (int k = 0; k < 10; k++)
        {
            for (int y = 0; y < outSize; y++)
            {
                for (int x = 0; x < outSize; x++)
                {
                    double sum = 0;
                    for (int ky = 0; ky < 4; ky++)
                    {
                        for (int kx = 0; kx < 4; kx++)
                        {
                            sum += KeypointWeight(k, ky, kx) * xray[(y * 4 + ky) * Size + x * 4 + kx];
                        }
                    }
                    result[(k * outSize + y) * outSize + x] = (float)(1 / (1 + Math.Exp(-sum)));
                }
            }
        }
        return result;
    }

    /// <summary>A deterministic, non-trivial test image in [−1, 1].</summary>
    public static float[] Pattern(int seed)
    {
        var image = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                image[y * Size + x] = (float)Math.Sin(0.37 * x * (seed + 1) + 0.23 * y - seed) * (float)Math.Cos(0.11 * (x - y) + seed);
            }
        }
        return image;
    }

    private static float[] Pool(ReadOnlySpan<float> src, int size, int block, bool abs)
    {
        int outSize = size / block;
        var result = new float[outSize * outSize];
        for (int y = 0; y < outSize; y++)
        {
            for (int x = 0; x < outSize; x++)
            {
                double sum = 0;
                for (int by = 0; by < block; by++)
                {
                    for (int bx = 0; bx < block; bx++)
                    {
                        float v = src[(y * block + by) * size + x * block + bx];
                        sum += abs ? Math.Abs(v) : v;
                    }
                }
                result[y * outSize + x] = (float)(sum / (block * block));
            }
        }
        return result;
    }
}
