using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// A small gray thumbnail of a camera frame (box averages over a fixed grid), for the similarity filter: comparing
/// two thumbnails is cheap and insensitive to sensor noise. Reusable: <see cref="Compute"/> allocates nothing.
/// </summary>
public sealed class FrameThumbnail
{
    /// <summary>Default thumbnail width in cells.</summary>
    public const int DefaultWidth = 32;

    /// <summary>Default thumbnail height in cells.</summary>
    public const int DefaultHeight = 24;

    private readonly float[] _cells;

    /// <summary>Creates an empty <paramref name="width"/>×<paramref name="height"/> thumbnail.</summary>
    public FrameThumbnail(int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _cells = new float[width * height];
    }

    /// <summary>Width in cells.</summary>
    public int Width { get; }

    /// <summary>Height in cells.</summary>
    public int Height { get; }

    /// <summary>True once <see cref="Compute"/> or <see cref="CopyFrom"/> filled it.</summary>
    public bool IsValid { get; private set; }

    /// <summary>The cells: mean gray (0–255) of each grid cell, row-major.</summary>
    public ReadOnlySpan<float> Cells => _cells;

    /// <summary>Fills the thumbnail from <paramref name="frame"/> (gray = (R + 2G + B) / 4 averaged over each cell).</summary>
    public void Compute(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width < Width || frame.Height < Height)
        {
            throw new ArgumentException($"A {frame.Width}×{frame.Height} frame is smaller than the {Width}×{Height} thumbnail.", nameof(frame));
        }

        byte[] px = frame.Pixels;
        int fw = frame.Width;
        for (int cy = 0; cy < Height; cy++)
        {
            int y0 = cy * frame.Height / Height, y1 = (cy + 1) * frame.Height / Height;
            for (int cx = 0; cx < Width; cx++)
            {
                int x0 = cx * fw / Width, x1 = (cx + 1) * fw / Width;
                long sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    int i = ((y * fw) + x0) * 4;
                    for (int x = x0; x < x1; x++, i += 4)
                    {
                        sum += px[i] + (2 * px[i + 1]) + px[i + 2];
                    }
                }

                _cells[(cy * Width) + cx] = sum / (4f * (y1 - y0) * (x1 - x0));
            }
        }

        IsValid = true;
    }

    /// <summary>Copies <paramref name="other"/> (same size) into this thumbnail.</summary>
    public void CopyFrom(FrameThumbnail other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameSize(other);
        other._cells.CopyTo(_cells, 0);
        IsValid = other.IsValid;
    }

    /// <summary>Forgets the contents.</summary>
    public void Invalidate() => IsValid = false;

    /// <summary>Mean absolute difference of the cells, in 8-bit gray levels; +∞ when either thumbnail is empty.</summary>
    public float MeanAbsDifference(FrameThumbnail other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameSize(other);
        if (!IsValid || !other.IsValid)
        {
            return float.PositiveInfinity;
        }

        float sum = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            sum += MathF.Abs(_cells[i] - other._cells[i]);
        }

        return sum / _cells.Length;
    }

    private void CheckSameSize(FrameThumbnail other)
    {
        if (other.Width != Width || other.Height != Height)
        {
            throw new ArgumentException($"Thumbnails differ in size: {Width}×{Height} and {other.Width}×{other.Height}.", nameof(other));
        }
    }
}
