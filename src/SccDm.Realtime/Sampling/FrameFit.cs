namespace SccDm.Realtime.Sampling;

/// <summary>How a camera frame of any aspect ratio becomes the model's square input.</summary>
public enum FrameFit
{
    /// <summary>
    /// The centre square of the frame, scaled to the input: nothing is padded, the frame's edges beyond the square are
    /// left out. Matches the training photos (square, the foot filling most of it), so it is the kiosk's default.
    /// </summary>
    CenterCrop,
    /// <summary>The whole frame, scaled to fit the longer side and centred; the bands beside it are black (−1).</summary>
    Letterbox,
}
