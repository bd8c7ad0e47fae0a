using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Evaluation;

/// <summary>How <see cref="DatasetEvaluator"/> samples.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The reduced-step sampler's settings (ignored by the reference sampler).</summary>
    public SamplerOptions Sampler { get; init; } = new();

    /// <summary>Use the 1000-step ancestral DDPM with SAG (2000 network calls per image) instead.</summary>
    public bool Reference { get; init; }

    /// <summary>PCK threshold as a fraction of the image size.</summary>
    public double PckFraction { get; init; } = 0.02;
}
