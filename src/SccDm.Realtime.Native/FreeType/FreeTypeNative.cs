using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.FreeType;

/// <summary>
/// The few FreeType 2 entry points the text rasterizer needs (libfreetype.so.6), and where it reads FreeType's structs.
/// </summary>
/// <remarks>
/// Struct fields are read at fixed offsets instead of declaring FreeType's large structs in full. The offsets are for
/// x86-64 Linux (FT_Long and FT_Pos are 64-bit, FT_Error and FT_UInt 32-bit) and were printed by gcc with offsetof()
/// against FreeType 2.12.1's headers (Debian 12):
/// <code>
/// FT_FaceRec.glyph             152  (FT_GlyphSlot)
/// FT_FaceRec.size              160  (FT_Size)
/// FT_SizeRec.metrics            24  (FT_Size_Metrics, 56 bytes)
///   FT_Size_Metrics.y_ppem       2  (FT_UShort)
///   FT_Size_Metrics.ascender    24  (FT_Pos, 26.6)
///   FT_Size_Metrics.descender   32  (FT_Pos, 26.6, negative below the baseline)
///   FT_Size_Metrics.height      40  (FT_Pos, 26.6)
/// FT_GlyphSlotRec.advance      128  (FT_Vector: x at +0, y at +8, FT_Pos 26.6)
/// FT_GlyphSlotRec.bitmap       152  (FT_Bitmap, 40 bytes)
///   FT_Bitmap.rows               0  (unsigned int)
///   FT_Bitmap.width              4  (unsigned int)
///   FT_Bitmap.pitch              8  (int, bytes per row, negative for bottom-up)
///   FT_Bitmap.buffer            16  (unsigned char*)
///   FT_Bitmap.pixel_mode        26  (unsigned char; 2 = FT_PIXEL_MODE_GRAY)
/// FT_GlyphSlotRec.bitmap_left  192  (FT_Int)
/// FT_GlyphSlotRec.bitmap_top   196  (FT_Int)
/// </code>
/// These struct layouts have been stable since FreeType 2.0; <c>FreeTypeTests</c> checks them at run time
/// (y_ppem equals the size set, a rendered 'H' has a plausible box and coverage).
/// </remarks>
internal static unsafe partial class FreeTypeNative
{
    public const string Lib = "libfreetype.so.6";

    public const int LoadRender = 4;
    public const byte PixelModeGray = 2;

    public const int FaceGlyph = 152;
    public const int FaceSize = 160;
    public const int SizeMetrics = 24;
    public const int MetricsYPpem = 2;
    public const int MetricsAscender = 24;
    public const int MetricsDescender = 32;
    public const int MetricsHeight = 40;
    public const int SlotAdvance = 128;
    public const int SlotBitmap = 152;
    public const int BitmapRows = 0;
    public const int BitmapWidth = 4;
    public const int BitmapPitch = 8;
    public const int BitmapBuffer = 16;
    public const int BitmapPixelMode = 26;
    public const int SlotBitmapLeft = 192;
    public const int SlotBitmapTop = 196;

    [LibraryImport(Lib)] public static partial int FT_Init_FreeType(nint* library);
    [LibraryImport(Lib)] public static partial int FT_Done_FreeType(nint library);
    [LibraryImport(Lib)] public static partial int FT_New_Face(nint library, byte* path, nint faceIndex, nint* face);
    [LibraryImport(Lib)] public static partial int FT_Done_Face(nint face);
    [LibraryImport(Lib)] public static partial int FT_Set_Pixel_Sizes(nint face, uint width, uint height);
    [LibraryImport(Lib)] public static partial int FT_Load_Char(nint face, nuint charCode, int loadFlags);
    [LibraryImport(Lib)] public static partial uint FT_Get_Char_Index(nint face, nuint charCode);
    [LibraryImport(Lib)] public static partial void FT_Library_Version(nint library, int* major, int* minor, int* patch);
}
