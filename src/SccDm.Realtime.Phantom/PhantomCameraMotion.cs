namespace SccDm.Realtime.Phantom;

/// <summary>How the phantom camera's foot moves once it is in place.</summary>
public enum PhantomCameraMotion
{
    /// <summary>The foot settles and sways slightly, like a patient standing still (the default).</summary>
    Sway = 0,

    /// <summary>
    /// The foot keeps moving, like a patient repositioning it: it glides round a slow loop
    /// (<see cref="PhantomCameraOptions.MoveRadius"/>, <see cref="PhantomCameraOptions.MovePeriod"/>) at a steady
    /// speed while it turns back and forth (<see cref="PhantomCameraOptions.MoveDegrees"/>). It never stops, so
    /// there is no still stretch for the similarity filter to reuse.
    /// </summary>
    Moving = 1,
}
