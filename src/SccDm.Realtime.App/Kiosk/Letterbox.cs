using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The mapping between a camera frame and the square model image, as the sampler fits one into the other
/// (<see cref="FrameFit"/>, aspect kept, centred): the centre square of the frame (the default), or the whole frame
/// letterboxed with padding. The condition, the X-ray and the keypoints all live in the square's pixel coordinates.
/// </summary>
/// <param name="ScaleX">Frame pixels per square pixel along x.</param>
/// <param name="ScaleY">Frame pixels per square pixel along y.</param>
/// <param name="OffsetX">Frame x of the square's left edge (negative when padded left and right).</param>
/// <param name="OffsetY">Frame y of the square's top edge (negative when padded above and below).</param>
internal readonly record struct Letterbox(double ScaleX, double ScaleY, double OffsetX, double OffsetY)
{
    /// <summary>
    /// The fit of a <paramref name="width"/>×<paramref name="height"/> frame into a <paramref name="size"/>² square,
    /// in continuous coordinates, taken from the sampler's own <see cref="LetterboxLayout"/> so that both agree.
    /// </summary>
    public static Letterbox For(int width, int height, int size, FrameFit fit = FrameFit.Letterbox)
    {
        var layout = LetterboxLayout.For(width, height, size, fit);
        return new Letterbox(layout.ScaleX, layout.ScaleY, -layout.OffsetX * (double)layout.ScaleX, -layout.OffsetY * (double)layout.ScaleY);
    }

    /// <summary>Square pixel coordinates to frame pixel coordinates.</summary>
    public void ToFrame(double x, double y, out double fx, out double fy)
    {
        fx = (x * ScaleX) + OffsetX;
        fy = (y * ScaleY) + OffsetY;
    }

    /// <summary>Frame pixel coordinates to square pixel coordinates.</summary>
    public void ToImage(double fx, double fy, out double x, out double y)
    {
        x = (fx - OffsetX) / ScaleX;
        y = (fy - OffsetY) / ScaleY;
    }
}
