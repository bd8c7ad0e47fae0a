namespace SccDm.Realtime.Phantom;

/// <summary>Which foot a phantom shows.</summary>
public enum FootSide
{
    /// <summary>Right foot: seen from above, toes up, the hallux is on the image's left.</summary>
    Right = 0,

    /// <summary>Left foot: the mirror image of a right foot.</summary>
    Left = 1,
}
