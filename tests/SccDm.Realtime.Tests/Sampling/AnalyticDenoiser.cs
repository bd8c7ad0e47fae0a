using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

/// <summary>
/// A closed-form stand-in for the network: it predicts the ε that would take d_t to a fixed target d₀*
/// (so a perfect sampler lands on d₀*), with an attention map and two feature levels derived from d_t.
/// </summary>
internal sealed class AnalyticDenoiser : IDenoiserNetwork
{
    private readonly float[] _target;

    public AnalyticDenoiser(int size, float[] target)
    {
        ImageSize = size;
        _target = target;
        Schedule = DiffusionSchedule.Create("linear", 1000, 1e-4, 0.02);
        OutputShape = new DenoiserOutputShape(size, size / 4, size / 4, [(size / 4, size / 4), (size / 2, size / 2)]);
    }

    public int ImageSize { get; }
    public DiffusionSchedule Schedule { get; }
    public float DefaultPsi => 1.0f;
    public DenoiserOutputShape OutputShape { get; }
    public int Calls { get; private set; }

    public void Run(ReadOnlySpan<float> dT, ReadOnlySpan<float> cond, int t, DenoiserOutput output)
    {
        Calls++;
        double ab = Schedule.AlphaBar(t);
        float sa = (float)Math.Sqrt(ab), s1 = (float)Math.Sqrt(1 - ab);
        for (int i = 0; i < dT.Length; i++)
        {
            output.Eps[i] = (dT[i] - sa * _target[i]) / s1;
        }
        // Attention: mean exactly 1, larger where |d_t| is larger.
        int aw = OutputShape.AttentionWidth, ah = OutputShape.AttentionHeight;
        float sum = 0;
        for (int y = 0; y < ah; y++)
        {
            for (int x = 0; x < aw; x++)
            {
                float v = 1f + MathF.Abs(dT[(y * ImageSize / ah) * ImageSize + x * ImageSize / aw]);
                output.Attention[y * aw + x] = v;
                sum += v;
            }
        }
        float scale = aw * ah / sum;
        for (int i = 0; i < output.Attention.Length; i++)
        {
            output.Attention[i] *= scale;
        }
        for (int l = 0; l < output.Features.Length; l++)
        {
            (int fw, int fh) = OutputShape.FeatureSizes[l];
            for (int y = 0; y < fh; y++)
            {
                for (int x = 0; x < fw; x++)
                {
                    output.Features[l][y * fw + x] = MathF.Abs(cond[(y * ImageSize / fh) * ImageSize + x * ImageSize / fw]) + l;
                }
            }
        }
    }
}
