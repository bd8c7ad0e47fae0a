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

    /// <summary>
    /// No image: each result carries the X-ray as numbers (<see cref="RendererFrame.Xray"/>) and the measurements;
    /// <see cref="RendererFrame.Image"/> and <see cref="RendererFrame.Fence"/> are 0. For a host that draws the
    /// X-ray itself (the kiosk does); with <see cref="XrayRendererOptions.Synthesizer"/> the renderer then needs no
    /// Vulkan device.
    /// </summary>
    None = 2,
}
