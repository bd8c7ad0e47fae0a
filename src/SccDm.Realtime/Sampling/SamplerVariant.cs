namespace SccDm.Realtime.Sampling;

/// <summary>How each reduced step uses the network.</summary>
public enum SamplerVariant
{
    /// <summary>Paper Algorithm 1: one network pass per step, with gated refinement (the default).</summary>
    Paper,
    /// <summary>Self-attention guidance as in the reference code: two passes per step, s = 0.1.</summary>
    Sag,
}
