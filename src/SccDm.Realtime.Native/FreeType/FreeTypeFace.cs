using System.Text;

namespace SccDm.Realtime.Native.FreeType;

/// <summary>One font face (<c>FT_Face</c>) at one pixel size. Not thread-safe.</summary>
public sealed unsafe class FreeTypeFace : IDisposable
{
    private readonly FreeTypeLibrary _library;
    private nint _handle;

    private FreeTypeFace(FreeTypeLibrary library, nint handle, string path)
    {
        _library = library;
        _handle = handle;
        Path = path;
    }

    internal static FreeTypeFace Open(FreeTypeLibrary library, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FreeTypeException($"Font file not found: {path}");
        }
        var utf8 = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, utf8);
        nint face;
        int error;
        fixed (byte* p = utf8)
        {
            error = FreeTypeNative.FT_New_Face(library.Handle, p, 0, &face);
        }
        if (error != 0)
        {
            throw new FreeTypeException($"FreeType could not open the font {path} (FT_New_Face error {error}): it is unreadable or not a font.", error);
        }
        return new FreeTypeFace(library, face, path);
    }

    /// <summary>The font file.</summary>
    public string Path { get; }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(FreeTypeFace));

    /// <summary>Selects the nominal size in pixels (width 0 = same as height).</summary>
    public void SetPixelSizes(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int error = FreeTypeNative.FT_Set_Pixel_Sizes(Handle, (uint)width, (uint)height);
        if (error != 0)
        {
            throw new FreeTypeException($"FT_Set_Pixel_Sizes({width}, {height}) failed on {Path} with error {error}", error);
        }
    }

    /// <summary>The size's nominal vertical pixels per em (what <see cref="SetPixelSizes"/> set).</summary>
    public int PixelsPerEm => *(ushort*)(SizeMetricsPointer + FreeTypeNative.MetricsYPpem);

    /// <summary>Pixels from the baseline up to the top of the font's tallest glyphs at this size.</summary>
    public int Ascender => Round26Dot6(*(long*)(SizeMetricsPointer + FreeTypeNative.MetricsAscender));

    /// <summary>Pixels from the baseline down to the bottom of the lowest descenders (negative, as FreeType reports it).</summary>
    public int Descender => Round26Dot6(*(long*)(SizeMetricsPointer + FreeTypeNative.MetricsDescender));

    /// <summary>Baseline-to-baseline distance in pixels.</summary>
    public int LineHeight => Round26Dot6(*(long*)(SizeMetricsPointer + FreeTypeNative.MetricsHeight));

    /// <summary>True when the font maps <paramref name="codepoint"/> to a glyph (otherwise FreeType draws the missing-glyph box).</summary>
    public bool HasGlyph(int codepoint) => FreeTypeNative.FT_Get_Char_Index(Handle, (nuint)codepoint) != 0;

    /// <summary>Loads and renders <paramref name="codepoint"/> into the glyph slot as 8-bit coverage.</summary>
    /// <exception cref="FreeTypeException">FreeType failed to load or render it.</exception>
    public FreeTypeGlyph LoadChar(int codepoint)
    {
        int error = FreeTypeNative.FT_Load_Char(Handle, (nuint)codepoint, FreeTypeNative.LoadRender);
        if (error != 0)
        {
            throw new FreeTypeException($"FT_Load_Char(U+{codepoint:X4}) failed on {Path} with error {error}", error);
        }
        byte* slot = *(byte**)((byte*)Handle + FreeTypeNative.FaceGlyph);
        byte* bitmap = slot + FreeTypeNative.SlotBitmap;
        int rows = (int)*(uint*)(bitmap + FreeTypeNative.BitmapRows);
        int width = (int)*(uint*)(bitmap + FreeTypeNative.BitmapWidth);
        int pitch = *(int*)(bitmap + FreeTypeNative.BitmapPitch);
        byte* buffer = *(byte**)(bitmap + FreeTypeNative.BitmapBuffer);
        byte mode = *(bitmap + FreeTypeNative.BitmapPixelMode);
        int length = buffer == null ? 0 : rows * Math.Abs(pitch);
        return new FreeTypeGlyph(
            width,
            rows,
            pitch,
            new ReadOnlySpan<byte>(buffer, length),
            *(int*)(slot + FreeTypeNative.SlotBitmapLeft),
            *(int*)(slot + FreeTypeNative.SlotBitmapTop),
            Round26Dot6(*(long*)(slot + FreeTypeNative.SlotAdvance)),
            mode == FreeTypeNative.PixelModeGray);
    }

    private byte* SizeMetricsPointer => *(byte**)((byte*)Handle + FreeTypeNative.FaceSize) + FreeTypeNative.SizeMetrics;

    private static int Round26Dot6(long value) => (int)((value + (value >= 0 ? 32 : -32)) / 64);

    /// <inheritdoc />
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            FreeTypeNative.FT_Done_Face(handle);
        }
        GC.KeepAlive(_library);
    }
}
