namespace SccDm.Realtime.Native.FreeType;

/// <summary>
/// The rendered glyph in a face's glyph slot: an 8-bit coverage bitmap and its placement. Valid until the next
/// <see cref="FreeTypeFace.LoadChar"/> on the same face.
/// </summary>
public readonly ref struct FreeTypeGlyph
{
    /// <summary>Creates the view.</summary>
    public FreeTypeGlyph(int width, int rows, int pitch, ReadOnlySpan<byte> buffer, int bitmapLeft, int bitmapTop, int advanceX, bool isGray)
    {
        Width = width;
        Rows = rows;
        Pitch = pitch;
        Buffer = buffer;
        BitmapLeft = bitmapLeft;
        BitmapTop = bitmapTop;
        AdvanceX = advanceX;
        IsGray = isGray;
    }

    /// <summary>Bitmap width in pixels.</summary>
    public int Width { get; }

    /// <summary>Bitmap height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Bytes from one row to the next (top-down rows; FreeType renders gray bitmaps with positive pitch).</summary>
    public int Pitch { get; }

    /// <summary>Rows × |Pitch| bytes of coverage, 0–255 per pixel.</summary>
    public ReadOnlySpan<byte> Buffer { get; }

    /// <summary>Pixels from the pen position to the bitmap's left edge.</summary>
    public int BitmapLeft { get; }

    /// <summary>Pixels from the baseline up to the bitmap's top row.</summary>
    public int BitmapTop { get; }

    /// <summary>Horizontal advance in whole pixels (rounded from 26.6).</summary>
    public int AdvanceX { get; }

    /// <summary>True for an 8-bit anti-aliased bitmap (FT_PIXEL_MODE_GRAY).</summary>
    public bool IsGray { get; }
}
