namespace SccDm.Realtime.Sampling;

/// <summary>Settings of the reduced-step sampler. Defaults are the kiosk's.</summary>
public sealed record SamplerOptions
{
    /// <summary>
    /// The default number of steps: 2. Chosen by measurement on the phantom's validation split with the shipped model
    /// (models/README.md): 2 steps (t = 999, 499) scored higher SSIM, PSNR and MAE than 1, 3, 4 or 8, at half the
    /// network passes of 4. More steps add detail the model cannot place exactly, which the pixel metrics punish.
    /// </summary>
    public const int DefaultSteps = 2;

    /// <summary>DDIM steps S (trailing spacing); 1…T. Default <see cref="DefaultSteps"/>.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>DDIM η; 0 is deterministic and flicker-free.</summary>
    public double Eta { get; init; }

    /// <summary>Paper (one pass per step) or SAG (two passes per step).</summary>
    public SamplerVariant Variant { get; init; } = SamplerVariant.Paper;

    /// <summary>Attention gate threshold ψ; null takes the model's <c>sccdm.psi</c>.</summary>
    public float? Psi { get; init; }

    /// <summary>Multi-scale refinement strength λ ∈ [0,1].</summary>
    public float Lambda { get; init; } = 1f;

    /// <summary>Use the attention gate (ablation switch).</summary>
    public bool Gating { get; init; } = true;

    /// <summary>Self-attention guidance scale s.</summary>
    public float SagScale { get; init; } = 0.1f;

    /// <summary>Video warm start: begin at schedule index k from the previous result; null starts from noise.</summary>
    public int? WarmStartIndex { get; init; }

    /// <summary>How a camera frame becomes the square condition (camera paths only).</summary>
    public FrameFit FrameFit { get; init; } = FrameFit.CenterCrop;

    /// <summary>Seed of the session's fixed noise z.</summary>
    public ulong Seed { get; init; } = 0x5CC0D;

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (Steps is < 1 or > 1000) { throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be in 1…1000 (and at most the model's T)"); }
        if (Eta is < 0 or > 1) { throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "η must be in [0, 1]"); }
        if (Lambda is < 0 or > 1) { throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be in [0, 1]"); }
        if (Psi is { } psi && !(psi >= 0)) { throw new ArgumentOutOfRangeException(nameof(Psi), psi, "ψ must be a number ≥ 0"); }
        if (WarmStartIndex is { } k && (k < 1 || k >= Steps)) { throw new ArgumentOutOfRangeException(nameof(WarmStartIndex), k, $"warm-start index must be in 1…{Steps - 1}"); }
    }
}
