namespace SccDm.Realtime.Sampling.Reference;

/// <summary>
/// Where a camera frame lands inside the square model input: the frame is scaled to fit the longer side, rounded
/// to whole pixels, and centred; the rest is padding. Shared by <see cref="CameraToCond"/> and the GPU kernel
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
    public static LetterboxLayout For(int frameWidth, int frameHeight, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        int longer = Math.Max(frameWidth, frameHeight);
        // The longer side fills the square exactly; the shorter one is rounded to whole pixels (at least one).
        int contentWidth = frameWidth == longer ? size : Math.Max(1, (int)Math.Round((double)frameWidth * size / longer, MidpointRounding.ToEven));
        int contentHeight = frameHeight == longer ? size : Math.Max(1, (int)Math.Round((double)frameHeight * size / longer, MidpointRounding.ToEven));
        return new LetterboxLayout(
            frameWidth, frameHeight, size, contentWidth, contentHeight,
            (size - contentWidth) / 2, (size - contentHeight) / 2,
            (float)frameWidth / contentWidth, (float)frameHeight / contentHeight);
    }
}
