namespace SccDm.Realtime.Sampling;

/// <summary>
/// The forward-noise schedule of a trained denoiser: β_t and ᾱ_t = Π(1−β_s), computed in double precision.
/// Built from the model's metadata (<c>sccdm.T</c>, <c>sccdm.beta_start</c>, <c>sccdm.beta_end</c>,
/// <c>sccdm.schedule</c>), never from constants in the app.
/// </summary>
public sealed class DiffusionSchedule
{
    private readonly double[] _betas;
    private readonly double[] _alphaBars;

    private DiffusionSchedule(string kind, double[] betas)
    {
        Kind = kind;
        _betas = betas;
        _alphaBars = new double[betas.Length];
        double product = 1.0;
        for (int t = 0; t < betas.Length; t++)
        {
            product *= 1.0 - betas[t];
            _alphaBars[t] = product;
        }
    }

    /// <summary>Number of training timesteps T.</summary>
    public int T => _betas.Length;

    /// <summary>Schedule kind, e.g. "linear".</summary>
    public string Kind { get; }

    /// <summary>β_t for t in 0…T−1.</summary>
    public double Beta(int t) => _betas[t];

    /// <summary>ᾱ_t for t in 0…T−1; ᾱ_{−1} = 1 by convention (the clean end of the chain).</summary>
    public double AlphaBar(int t) => t < 0 ? 1.0 : _alphaBars[t];

    /// <summary>Creates a schedule from its description.</summary>
    /// <exception cref="ArgumentException">Unknown kind, or values outside 0 &lt; β &lt; 1.</exception>
    public static DiffusionSchedule Create(string kind, int steps, double betaStart, double betaEnd)
    {
        if (steps < 2)
        {
            throw new ArgumentException($"schedule needs T ≥ 2, got {steps}", nameof(steps));
        }
        if (!(betaStart > 0 && betaStart < 1 && betaEnd > 0 && betaEnd < 1))
        {
            throw new ArgumentException($"β must lie in (0, 1): got beta_start={betaStart}, beta_end={betaEnd}");
        }
        if (!string.Equals(kind, "linear", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"unknown schedule '{kind}': this version supports 'linear'", nameof(kind));
        }
        var betas = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            betas[t] = betaStart + (betaEnd - betaStart) * t / (steps - 1);
        }
        return new DiffusionSchedule("linear", betas);
    }
}
