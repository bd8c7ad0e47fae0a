namespace SccDm.Realtime.Sampling;

/// <summary>
/// The C# reference of every non-network step of the SCCDM sampler (../shared/design/sccdm.md, "Step t → t_prev").
/// Each GLSL kernel in <c>shaders/</c> computes the same math and is tested against these functions.
/// Images are single-channel, row-major, width × height floats.
/// </summary>
public static class SamplerMath
{
    /// <summary>Lower/upper clamp of the predicted clean diff-domain sample d̂₀ (d = x − c lies in [−2, 2]).</summary>
    public const float X0Clamp = 2f;

    /// <summary>
    /// FuseMultiScale (step 2): each feature map F_l (own size) is upsampled bilinearly to width × height
    /// (half-pixel centres, edge clamp: torch's <c>align_corners=False</c>), normalised to [0,1] by its own
    /// min/max (a constant map contributes 0), and the levels are averaged into <paramref name="mask"/>.
    /// </summary>
    public static void FuseMultiScale(IReadOnlyList<FeatureMap> features, Span<float> mask, int width, int height)
    {
        if (features.Count == 0)
        {
            throw new ArgumentException("FuseMultiScale needs at least one feature map", nameof(features));
        }
        mask[..(width * height)].Clear();
        float inv = 1f / features.Count;
        foreach (FeatureMap f in features)
        {
            (float min, float max) = MinMax(f.Values.Span);
            float range = max - min;
            float scale = range > 0 ? inv / range : 0f;
            float sx = (float)f.Width / width;
            float sy = (float)f.Height / height;
            ReadOnlySpan<float> src = f.Values.Span;
            for (int y = 0; y < height; y++)
            {
                float fy = Math.Max((y + 0.5f) * sy - 0.5f, 0f);
                int y0 = Math.Min((int)fy, f.Height - 1);
                int y1 = Math.Min(y0 + 1, f.Height - 1);
                float wy = fy - y0;
                for (int x = 0; x < width; x++)
                {
                    float fx = Math.Max((x + 0.5f) * sx - 0.5f, 0f);
                    int x0 = Math.Min((int)fx, f.Width - 1);
                    int x1 = Math.Min(x0 + 1, f.Width - 1);
                    float wx = fx - x0;
                    float top = src[y0 * f.Width + x0] + wx * (src[y0 * f.Width + x1] - src[y0 * f.Width + x0]);
                    float bottom = src[y1 * f.Width + x0] + wx * (src[y1 * f.Width + x1] - src[y1 * f.Width + x0]);
                    float v = top + wy * (bottom - top);
                    mask[y * width + x] += (v - min) * scale;
                }
            }
        }
    }

    /// <summary>
    /// Attention gate (step 3): G = 1(nearest-upsample(A) &gt; ψ). Token (i, j) of the h × w map covers the
    /// pixels whose floor(y·h/H) = i and floor(x·w/W) = j.
    /// </summary>
    public static void AttentionGate(ReadOnlySpan<float> attention, int attnWidth, int attnHeight, float psi, Span<float> gate, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            int ay = y * attnHeight / height;
            for (int x = 0; x < width; x++)
            {
                int ax = x * attnWidth / width;
                gate[y * width + x] = attention[ay * attnWidth + ax] > psi ? 1f : 0f;
            }
        }
    }

    /// <summary>Step 4: d̂₀ = clamp((d_t − √(1−ᾱ)·ε) / √ᾱ, −2, 2).</summary>
    public static void PredictX0(ReadOnlySpan<float> dT, ReadOnlySpan<float> eps, double alphaBar, Span<float> x0)
    {
        float sa = (float)Math.Sqrt(alphaBar);
        float s1 = (float)Math.Sqrt(1 - alphaBar);
        for (int i = 0; i < x0.Length; i++)
        {
            x0[i] = Math.Clamp((dT[i] - s1 * eps[i]) / sa, -X0Clamp, X0Clamp);
        }
    }

    /// <summary>Step 5: d̃_t = √ᾱ·blur(d̂₀) + √(1−ᾱ)·ε.</summary>
    public static void Renoise(ReadOnlySpan<float> blurredX0, ReadOnlySpan<float> eps, double alphaBar, Span<float> dTilde)
    {
        float sa = (float)Math.Sqrt(alphaBar);
        float s1 = (float)Math.Sqrt(1 - alphaBar);
        for (int i = 0; i < dTilde.Length; i++)
        {
            dTilde[i] = sa * blurredX0[i] + s1 * eps[i];
        }
    }

    /// <summary>Step 6: d_attn = (1−G)·((1−λM)·d_t + λM·d̃_t) + G·d̃_t.</summary>
    public static void Blend(ReadOnlySpan<float> dT, ReadOnlySpan<float> dTilde, ReadOnlySpan<float> mask, ReadOnlySpan<float> gate, float lambda, Span<float> dAttn)
    {
        for (int i = 0; i < dAttn.Length; i++)
        {
            float m = lambda * mask[i];
            float refined = (1 - m) * dT[i] + m * dTilde[i];
            dAttn[i] = (1 - gate[i]) * refined + gate[i] * dTilde[i];
        }
    }

    /// <summary>SAG guidance input: d̄_t = (1−G)·d_t + G·d̃_t.</summary>
    public static void SagInput(ReadOnlySpan<float> dT, ReadOnlySpan<float> dTilde, ReadOnlySpan<float> gate, Span<float> dBar)
    {
        for (int i = 0; i < dBar.Length; i++)
        {
            dBar[i] = (1 - gate[i]) * dT[i] + gate[i] * dTilde[i];
        }
    }

    /// <summary>SAG combine: ε̃ = ε̄ + (1+s)(ε − ε̄).</summary>
    public static void SagCombine(ReadOnlySpan<float> eps, ReadOnlySpan<float> epsBar, float scale, Span<float> epsGuided)
    {
        float k = 1 + scale;
        for (int i = 0; i < epsGuided.Length; i++)
        {
            epsGuided[i] = epsBar[i] + k * (eps[i] - epsBar[i]);
        }
    }

    /// <summary>DDIM's σ for η: σ = η·√((1−ᾱ_prev)/(1−ᾱ))·√(1−ᾱ/ᾱ_prev).</summary>
    public static double DdimSigma(double eta, double alphaBar, double alphaBarPrev)
        => eta * Math.Sqrt((1 - alphaBarPrev) / (1 - alphaBar)) * Math.Sqrt(1 - alphaBar / alphaBarPrev);

    /// <summary>
    /// Steps 7–8: d̂₀′ = (d − √(1−ᾱ)·ε)/√ᾱ, then d_prev = √ᾱ_prev·d̂₀′ + √(1−ᾱ_prev−σ²)·ε + σ·z.
    /// <paramref name="noise"/> may be empty when σ = 0.
    /// </summary>
    public static void DdimUpdate(ReadOnlySpan<float> d, ReadOnlySpan<float> eps, double alphaBar, double alphaBarPrev, double sigma, ReadOnlySpan<float> noise, Span<float> dPrev)
    {
        float sa = (float)Math.Sqrt(alphaBar);
        float s1 = (float)Math.Sqrt(1 - alphaBar);
        float sp = (float)Math.Sqrt(alphaBarPrev);
        float dir = (float)Math.Sqrt(Math.Max(1 - alphaBarPrev - sigma * sigma, 0));
        float sg = (float)sigma;
        bool noisy = sg != 0f;
        for (int i = 0; i < dPrev.Length; i++)
        {
            float x0 = (d[i] - s1 * eps[i]) / sa;
            float v = sp * x0 + dir * eps[i];
            dPrev[i] = noisy ? v + sg * noise[i] : v;
        }
    }

    /// <summary>
    /// Ancestral DDPM step (the 1000-step reference sampler): d_{t−1} = μ̃(d̂₀, d_t) + √β̃_t·z, with d̂₀ from ε
    /// clamped to [−2, 2] and z = 0 at t = 0.
    /// </summary>
    public static void DdpmUpdate(ReadOnlySpan<float> d, ReadOnlySpan<float> eps, DiffusionSchedule schedule, int t, ReadOnlySpan<float> noise, Span<float> dPrev)
    {
        double ab = schedule.AlphaBar(t);
        double abPrev = schedule.AlphaBar(t - 1);
        double beta = schedule.Beta(t);
        float c0 = (float)(Math.Sqrt(abPrev) * beta / (1 - ab));
        float ct = (float)(Math.Sqrt(1 - beta) * (1 - abPrev) / (1 - ab));
        float sd = t > 0 ? (float)Math.Sqrt(beta * (1 - abPrev) / (1 - ab)) : 0f;
        float sa = (float)Math.Sqrt(ab);
        float s1 = (float)Math.Sqrt(1 - ab);
        for (int i = 0; i < dPrev.Length; i++)
        {
            float x0 = Math.Clamp((d[i] - s1 * eps[i]) / sa, -X0Clamp, X0Clamp);
            float v = c0 * x0 + ct * d[i];
            dPrev[i] = sd != 0f ? v + sd * noise[i] : v;
        }
    }

    /// <summary>Warm start: d_{t_k} = √ᾱ·d₀^prev + √(1−ᾱ)·z.</summary>
    public static void WarmStart(ReadOnlySpan<float> previousD0, ReadOnlySpan<float> noise, double alphaBar, Span<float> dT)
    {
        float sa = (float)Math.Sqrt(alphaBar);
        float s1 = (float)Math.Sqrt(1 - alphaBar);
        for (int i = 0; i < dT.Length; i++)
        {
            dT[i] = sa * previousD0[i] + s1 * noise[i];
        }
    }

    /// <summary>Output image: x = clamp(d₀ + c, −1, 1).</summary>
    public static void Compose(ReadOnlySpan<float> d0, ReadOnlySpan<float> cond, Span<float> image)
    {
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = Math.Clamp(d0[i] + cond[i], -1f, 1f);
        }
    }

    private static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (v < min) { min = v; }
            if (v > max) { max = v; }
        }
        return (min, max);
    }
}
