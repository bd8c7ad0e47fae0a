namespace SccDm.Realtime.Sampling;

/// <summary>Sizes of a denoiser's outputs for one sample.</summary>
/// <param name="ImageSize">H = W of <c>eps</c>.</param>
/// <param name="AttentionWidth">w of <c>attn</c>.</param>
/// <param name="AttentionHeight">h of <c>attn</c>.</param>
/// <param name="FeatureSizes">(W_l, H_l) of each <c>feat_l</c>.</param>
public sealed record DenoiserOutputShape(int ImageSize, int AttentionWidth, int AttentionHeight, IReadOnlyList<(int Width, int Height)> FeatureSizes);
