using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Hosting;

/// <summary>The sampler settings a host may change while the renderer runs (<see cref="XrayRenderer.Sampler"/>).</summary>
public sealed record RendererSamplerSettings
{
    /// <summary>DDIM steps, 1 … the model's T (default <see cref="SamplerOptions.DefaultSteps"/>, the kiosk's).</summary>
    public int Steps { get; init; } = SamplerOptions.DefaultSteps;

    /// <summary>Paper (one network pass per step) or SAG (two).</summary>
    public SamplerVariant Variant { get; init; } = SamplerVariant.Paper;

    /// <summary>A frame that moved a little starts from the previous result at Steps / 2 (default on).</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>
    /// Below this mean absolute difference of the frame thumbnails (8-bit gray levels) the previous result is reused
    /// without sampling; 0 samples every frame. Default <see cref="FrameChangeFilter.DefaultReuseThreshold"/>.
    /// </summary>
    public float SimilarityThreshold { get; init; } = FrameChangeFilter.DefaultReuseThreshold;

    /// <summary>
    /// Below this thumbnail difference (and at or above <see cref="SimilarityThreshold"/>) a frame warm-starts; at or
    /// above it the frame is a new scene, sampled from noise. Default <see cref="FrameChangeFilter.DefaultWarmStartThreshold"/>.
    /// </summary>
    public float WarmStartThreshold { get; init; } = FrameChangeFilter.DefaultWarmStartThreshold;

    /// <summary>Seed of the fixed noise: the same frames and seed give the same images.</summary>
    public ulong Seed { get; init; } = new SamplerOptions().Seed;

    /// <summary>Throws <see cref="RendererException"/> (<see cref="RendererStatus.InvalidArgument"/>) naming the bad value.</summary>
    public void Validate(int maxSteps)
    {
        if (Steps < 1 || Steps > maxSteps)
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"steps {Steps} is out of range: use 1…{maxSteps} (the model's T)");
        }

        if (!Enum.IsDefined(Variant))
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"variant {(int)Variant} is unknown: use 0 (paper) or 1 (SAG)");
        }

        if (!float.IsFinite(SimilarityThreshold) || SimilarityThreshold < 0)
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"similarity threshold {SimilarityThreshold} is invalid: use 0 (sample every frame) or a positive gray-level difference (default {FrameChangeFilter.DefaultReuseThreshold})");
        }

        if (!float.IsFinite(WarmStartThreshold) || WarmStartThreshold < 0)
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"warm-start threshold {WarmStartThreshold} is invalid: use 0 (never warm-start) or a positive gray-level difference (default {FrameChangeFilter.DefaultWarmStartThreshold})");
        }
    }

    /// <summary>The sampler options these settings stand for.</summary>
    public SamplerOptions ToSamplerOptions() => new() { Steps = Steps, Variant = Variant, Seed = Seed };
}
