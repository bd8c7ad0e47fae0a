namespace SccDm.Realtime.Sampling.Reference;

/// <summary>
/// Where a camera frame lands inside the square model input. Letterbox: the frame is scaled to fit the longer side,
/// rounded to whole pixels, and centred; the rest is padding. Centre crop: scaled so the shorter side fills the
/// square, centred, with negative offsets; the parts outside the square are not sampled. Shared by <see cref="CameraToCond"/> and the GPU kernel
/// (shaders/camera_to_cond.comp), which receives these values as push constants so both sample identically.
/// </summary>
/// <param name="FrameWidth">Camera frame width in pixels.</param>
/// <param name="FrameHeight">Camera frame height in pixels.</param>
/// <param name="Size">Model input H = W.</param>
/// <param name="ContentWidth">Width of the scaled frame inside the square.</param>
/// <param name="ContentHeight">Height of the scaled frame inside the square.</param>
/// <param name="OffsetX">First column of the content.</param>
/// <param name="OffsetY">First row of the content.</param>
/// <param name="ScaleX">Frame pixels per content pixel along x, <c>(float)FrameWidth / ContentWidth</c>.</param>
/// <param name="ScaleY">Frame pixels per content pixel along y, <c>(float)FrameHeight / ContentHeight</c>.</param>
public readonly record struct LetterboxLayout(
    int FrameWidth, int FrameHeight, int Size, int ContentWidth, int ContentHeight, int OffsetX, int OffsetY, float ScaleX, float ScaleY)
{
    /// <summary>The layout of a <paramref name="frameWidth"/> × <paramref name="frameHeight"/> frame in a <paramref name="size"/>² input.</summary>
    public static LetterboxLayout For(int frameWidth, int frameHeight, int size, FrameFit fit = FrameFit.Letterbox)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        // Letterbox: the longer side fills the square exactly; centre crop: the shorter one does. The other side is
        // rounded to whole pixels (at least one).
        int filling = fit == FrameFit.CenterCrop ? Math.Min(frameWidth, frameHeight) : Math.Max(frameWidth, frameHeight);
        int contentWidth = frameWidth == filling ? size : Math.Max(1, (int)Math.Round((double)frameWidth * size / filling, MidpointRounding.ToEven));
        int contentHeight = frameHeight == filling ? size : Math.Max(1, (int)Math.Round((double)frameHeight * size / filling, MidpointRounding.ToEven));
        return new LetterboxLayout(
            frameWidth, frameHeight, size, contentWidth, contentHeight,
            (size - contentWidth) / 2, (size - contentHeight) / 2,
            (float)frameWidth / contentWidth, (float)frameHeight / contentHeight);
    }
}
