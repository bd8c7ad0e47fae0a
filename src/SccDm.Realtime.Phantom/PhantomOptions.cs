namespace SccDm.Realtime.Phantom;

/// <summary>
/// Optional overrides for <see cref="FootPhantom.Generate"/>. A null property keeps the value drawn from the seed.
/// Overrides replace parameters after sampling, so the rest of the sample stays the same for a seed.
/// </summary>
public sealed record PhantomOptions
{
    /// <summary>Forces the hallux valgus angle, degrees.</summary>
    public double? HvaDegrees { get; init; }

    /// <summary>Forces the intermetatarsal angle, degrees.</summary>
    public double? ImaDegrees { get; init; }

    /// <summary>Forces the foot side.</summary>
    public FootSide? Side { get; init; }

    /// <summary>Forces the photo background.</summary>
    public BackgroundKind? Background { get; init; }

    /// <summary>Forces the in-plane rotation, degrees.</summary>
    public double? RotationDegrees { get; init; }

    /// <summary>Forces the foot scale in the image.</summary>
    public double? Scale { get; init; }

    /// <summary>Centres the foot (translation zero).</summary>
    public bool Centered { get; init; }

    /// <summary>Turns off camera noise, camera blur and X-ray noise (clean renders for the synthetic camera).</summary>
    public bool Clean { get; init; }
}
