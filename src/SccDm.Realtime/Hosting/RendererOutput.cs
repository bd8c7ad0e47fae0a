namespace SccDm.Realtime.Hosting;

/// <summary>What the result image holds.</summary>
public enum RendererOutput
{
    /// <summary>The synthetic X-ray alone, gray in RGBA8, at the model's size.</summary>
    Xray = 0,

    /// <summary>
    /// The X-ray at <see cref="XrayRenderer.ComposedScale"/>× with the keypoint skeleton (points coloured by
    /// confidence) and the "synthetic, not for diagnosis" line.
    /// </summary>
    Composed = 1,
}
