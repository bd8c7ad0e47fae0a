using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The mapping between a camera frame and the square model image, as the sampler fits one into the other
/// (<see cref="FrameFit"/>, aspect kept, centred): the centre square of the frame (the default), or the whole frame
/// letterboxed with padding. The condition, the X-ray and the keypoints all live in the square's pixel coordinates.
/// </summary>
/// <param name="Scale">Frame pixels per square pixel.</param>
/// <param name="OffsetX">Frame x of the square's left edge (negative when padded left and right).</param>
/// <param name="OffsetY">Frame y of the square's top edge (negative when padded above and below).</param>
internal readonly record struct Letterbox(double Scale, double OffsetX, double OffsetY)
{
    /// <summary>
    /// The fit of a <paramref name="width"/>×<paramref name="height"/> frame into a <paramref name="size"/>² square:
    /// with <see cref="FrameFit.CenterCrop"/> the shorter side fills it, with <see cref="FrameFit.Letterbox"/> the longer.
    /// </summary>
    public static Letterbox For(int width, int height, int size, FrameFit fit = FrameFit.Letterbox)
    {
        double scale = (double)(fit == FrameFit.CenterCrop ? Math.Min(width, height) : Math.Max(width, height)) / size;
        return new Letterbox(scale, (width - (size * scale)) / 2, (height - (size * scale)) / 2);
    }

    /// <summary>Square pixel coordinates to frame pixel coordinates.</summary>
    public void ToFrame(double x, double y, out double fx, out double fy)
    {
        fx = (x * Scale) + OffsetX;
        fy = (y * Scale) + OffsetY;
    }

    /// <summary>Frame pixel coordinates to square pixel coordinates.</summary>
    public void ToImage(double fx, double fy, out double x, out double y)
    {
        x = (fx - OffsetX) / Scale;
        y = (fy - OffsetY) / Scale;
    }
}
