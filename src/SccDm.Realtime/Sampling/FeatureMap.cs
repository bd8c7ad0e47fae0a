namespace SccDm.Realtime.Sampling;

/// <summary>One decoder level's feature summary F_t^l (channel-mean of |features|) at its own resolution.</summary>
public readonly record struct FeatureMap(ReadOnlyMemory<float> Values, int Width, int Height);
