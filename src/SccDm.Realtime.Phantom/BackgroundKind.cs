namespace SccDm.Realtime.Phantom;

/// <summary>What surrounds the foot in the photo.</summary>
public enum BackgroundKind
{
    /// <summary>A uniform colour with a gentle light falloff.</summary>
    Plain = 0,

    /// <summary>A floor / paper texture.</summary>
    Textured = 1,

    /// <summary>Removed to black, as in the reference data.</summary>
    Black = 2,
}
