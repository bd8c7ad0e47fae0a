using SccDm.Realtime.Gpu.Reference;

namespace SccDm.Realtime.Sampling;

/// <summary>
/// The C# reference of the SCCDM samplers: the reduced-step DDIM sampler (paper or SAG variant, optional warm
/// start) and the slow 1000-step ancestral DDPM with SAG that the reference code uses (2000 network calls).
/// It is the yardstick the Vulkan path is tested against, and the CPU fallback when no Vulkan device exists.
/// All buffers are allocated once; a frame allocates nothing.
/// </summary>
public sealed class ReferenceSampler
{
    private readonly IDenoiserNetwork _net;
    private readonly int _n;
    private readonly int _size;
    private readonly DenoiserOutput _out;
    private readonly DenoiserOutput _outBar;
    private readonly float[] _d, _x0, _blurred, _dTilde, _mask, _gate, _dAttn, _dPrev, _z, _stepNoise, _dBar, _epsGuided, _scratch;

    /// <summary>Creates a sampler for <paramref name="network"/>.</summary>
    public ReferenceSampler(IDenoiserNetwork network)
    {
        _net = network;
        _size = network.ImageSize;
        _n = _size * _size;
        _out = new DenoiserOutput(network.OutputShape);
        _outBar = new DenoiserOutput(network.OutputShape);
        _d = new float[_n]; _x0 = new float[_n]; _blurred = new float[_n]; _dTilde = new float[_n];
        _mask = new float[_n]; _gate = new float[_n]; _dAttn = new float[_n]; _dPrev = new float[_n];
        _z = new float[_n]; _stepNoise = new float[_n]; _dBar = new float[_n]; _epsGuided = new float[_n]; _scratch = new float[_n];
    }

    /// <summary>Number of network passes the last call made.</summary>
    public int NetworkCalls { get; private set; }

    /// <summary>
    /// Samples d₀ for condition <paramref name="cond"/> (the photo, gray, [−1,1], H×W) and writes d₀ and the
    /// X-ray x = clamp(d₀ + c, −1, 1). With <see cref="SamplerOptions.WarmStartIndex"/> set and
    /// <paramref name="previousD0"/> given, starts at schedule index k from the previous frame's result.
    /// </summary>
    public void Sample(ReadOnlySpan<float> cond, SamplerOptions options, Span<float> d0, Span<float> image, ReadOnlySpan<float> previousD0 = default)
    {
        options.Validate();
        CheckLength(cond, nameof(cond));
        DiffusionSchedule schedule = _net.Schedule;
        int[] timesteps = SamplerTimesteps.Trailing(schedule.T, options.Steps);
        float psi = options.Psi ?? _net.DefaultPsi;
        NetworkCalls = 0;

        GaussianNoise.Fill(_z, options.Seed);
        int start = 0;
        if (options.WarmStartIndex is { } k && previousD0.Length == _n)
        {
            start = k;
            SamplerMath.WarmStart(previousD0, _z, schedule.AlphaBar(timesteps[k]), _d);
        }
        else
        {
            _z.CopyTo(_d, 0);
        }

        for (int i = start; i < timesteps.Length; i++)
        {
            int t = timesteps[i];
            double ab = schedule.AlphaBar(t);
            double abPrev = i + 1 < timesteps.Length ? schedule.AlphaBar(timesteps[i + 1]) : 1.0;
            Refine(cond, t, ab, psi, options);

            double sigma = SamplerMath.DdimSigma(options.Eta, ab, abPrev);
            if (sigma > 0)
            {
                GaussianNoise.Fill(_stepNoise, options.Seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
            }
            if (options.Variant == SamplerVariant.Sag)
            {
                SamplerMath.SagInput(_d, _dTilde, _gate, _dBar);
                _net.Run(_dBar, cond, t, _outBar);
                NetworkCalls++;
                SamplerMath.SagCombine(_out.Eps, _outBar.Eps, options.SagScale, _epsGuided);
                SamplerMath.DdimUpdate(_d, _epsGuided, ab, abPrev, sigma, _stepNoise, _dPrev);
            }
            else
            {
                SamplerMath.Blend(_d, _dTilde, _mask, _gate, options.Lambda, _dAttn);
                SamplerMath.DdimUpdate(_dAttn, _out.Eps, ab, abPrev, sigma, _stepNoise, _dPrev);
            }
            _dPrev.CopyTo(_d, 0);
        }
        _d.CopyTo(d0);
        SamplerMath.Compose(_d, cond, image);
    }

    /// <summary>
    /// The reference sampler: 1000 ancestral DDPM steps with self-attention guidance, two network passes each.
    /// Slow by design (minutes on a CPU); it is the quality yardstick.
    /// </summary>
    public void SampleReference(ReadOnlySpan<float> cond, Span<float> image, ulong seed, float sagScale = 0.1f, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckLength(cond, nameof(cond));
        DiffusionSchedule schedule = _net.Schedule;
        var options = new SamplerOptions { Variant = SamplerVariant.Sag, SagScale = sagScale, Seed = seed };
        float psi = _net.DefaultPsi;
        NetworkCalls = 0;
        GaussianNoise.Fill(_d, seed);
        for (int t = schedule.T - 1; t >= 0; t--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Refine(cond, t, schedule.AlphaBar(t), psi, options);
            SamplerMath.SagInput(_d, _dTilde, _gate, _dBar);
            _net.Run(_dBar, cond, t, _outBar);
            NetworkCalls++;
            SamplerMath.SagCombine(_out.Eps, _outBar.Eps, sagScale, _epsGuided);
            GaussianNoise.Fill(_stepNoise, seed ^ ((ulong)(t + 1) * 0xD1B54A32D192ED03UL));
            SamplerMath.DdpmUpdate(_d, _epsGuided, schedule, t, _stepNoise, _dPrev);
            _dPrev.CopyTo(_d, 0);
            progress?.Report(schedule.T - t);
        }
        SamplerMath.Compose(_d, cond, image);
    }

    // Steps 1–5: network pass, fusion mask, gate, d̂₀, blur, re-noise.
    private void Refine(ReadOnlySpan<float> cond, int t, double alphaBar, float psi, SamplerOptions options)
    {
        _net.Run(_d, cond, t, _out);
        NetworkCalls++;
        DenoiserOutputShape shape = _out.Shape;
        SamplerMath.FuseMultiScale(_out.FeatureMaps, _mask, _size, _size);
        if (options.Gating)
        {
            SamplerMath.AttentionGate(_out.Attention, shape.AttentionWidth, shape.AttentionHeight, psi, _gate, _size, _size);
        }
        else
        {
            Array.Clear(_gate);
        }
        SamplerMath.PredictX0(_d, _out.Eps, alphaBar, _x0);
        GaussianBlurReference.Apply(_x0, _blurred, _scratch, _size, _size);
        SamplerMath.Renoise(_blurred, _out.Eps, alphaBar, _dTilde);
    }

    private void CheckLength(ReadOnlySpan<float> span, string name)
    {
        if (span.Length != _n)
        {
            throw new ArgumentException($"{name} must hold {_size}×{_size} = {_n} values, got {span.Length}", name);
        }
    }
}
