namespace SccDm.Realtime.Sampling;

/// <summary>Buffers for one network pass's outputs, allocated once and reused every frame.</summary>
public sealed class DenoiserOutput
{
    /// <summary>Allocates buffers for <paramref name="shape"/>.</summary>
    public DenoiserOutput(DenoiserOutputShape shape)
    {
        Shape = shape;
        Eps = new float[shape.ImageSize * shape.ImageSize];
        Attention = new float[shape.AttentionWidth * shape.AttentionHeight];
        Features = shape.FeatureSizes.Select(s => new float[s.Width * s.Height]).ToArray();
        FeatureMaps = Features.Select((f, i) => new FeatureMap(f, shape.FeatureSizes[i].Width, shape.FeatureSizes[i].Height)).ToArray();
    }

    /// <summary>Sizes of the buffers.</summary>
    public DenoiserOutputShape Shape { get; }

    /// <summary>ε, H × W.</summary>
    public float[] Eps { get; }

    /// <summary>Middle-block attention column sums A_t, h × w, mean 1.</summary>
    public float[] Attention { get; }

    /// <summary>F_t^l per decoder level.</summary>
    public float[][] Features { get; }

    /// <summary><see cref="Features"/> with their sizes, for FuseMultiScale.</summary>
    public IReadOnlyList<FeatureMap> FeatureMaps { get; }
}
