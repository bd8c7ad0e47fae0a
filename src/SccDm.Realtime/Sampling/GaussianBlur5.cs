namespace SccDm.Realtime.Sampling;

/// <summary>TEMPORARY: replaced by the GPU layer's C# blur reference at merge.</summary>
public static class GaussianBlur5
{
    private static readonly float[] s_w = Weights();

    private static float[] Weights()
    {
        var w = new float[5];
        double sum = 0;
        for (int i = -2; i <= 2; i++) { sum += Math.Exp(-i * i / 2.0); }
        for (int i = -2; i <= 2; i++) { w[i + 2] = (float)(Math.Exp(-i * i / 2.0) / sum); }
        return w;
    }

    public static void Apply(ReadOnlySpan<float> src, Span<float> dst, int w, int h)
    {
        var tmp = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int k = -2; k <= 2; k++) { s += s_w[k + 2] * src[y * w + Math.Clamp(x + k, 0, w - 1)]; }
                tmp[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int k = -2; k <= 2; k++) { s += s_w[k + 2] * tmp[Math.Clamp(y + k, 0, h - 1) * w + x]; }
                dst[y * w + x] = s;
            }
        }
    }
}
