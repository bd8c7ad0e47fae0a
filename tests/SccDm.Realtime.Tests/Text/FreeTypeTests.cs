using SccDm.Realtime.Native.FreeType;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.Tests.Text;

/// <summary>Checks the struct offsets FreeTypeNative reads, through values that must come out right if they are.</summary>
public sealed class FreeTypeTests
{
    [Fact]
    public void Library_is_freetype_2()
    {
        using var library = FreeTypeLibrary.Create();
        Assert.Equal(2, library.Version.Major);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(24)]
    [InlineData(48)]
    public void Size_metrics_and_glyph_slot_read_plausible_values(int pixels)
    {
        using var library = FreeTypeLibrary.Create();
        using var face = library.OpenFace(TextRasterizer.DefaultFontPath);
        face.SetPixelSizes(0, pixels);

        Assert.Equal(pixels, face.PixelsPerEm);
        Assert.InRange(face.Ascender, pixels * 0.8, pixels * 1.1);   // DejaVu Sans: ascender 0.928 em
        Assert.InRange(face.Descender, -pixels * 0.35, -pixels * 0.15); // descender −0.236 em
        Assert.InRange(face.LineHeight, pixels * 1.0, pixels * 1.3);  // height 1.164 em

        var h = face.LoadChar('H');
        Assert.True(h.IsGray);
        Assert.InRange(h.Rows, pixels * 0.65, pixels * 0.8 + 1);  // cap height 0.729 em
        Assert.Equal(h.Rows, h.BitmapTop);                            // 'H' sits on the baseline
        Assert.InRange(h.AdvanceX, pixels * 0.65, pixels * 0.8 + 1); // advance 0.752 em
        Assert.InRange(h.BitmapLeft, 0, pixels / 4 + 1);
        Assert.True(h.Pitch >= h.Width);
        Assert.Equal(h.Rows * h.Pitch, h.Buffer.Length);
        Assert.Contains((byte)255, h.Buffer.ToArray()); // the stems are fully covered

        var g = face.LoadChar('g');
        Assert.True(g.Rows > g.BitmapTop, "'g' descends below the baseline");
    }

    [Fact]
    public void DejaVu_has_the_hud_symbols()
    {
        using var library = FreeTypeLibrary.Create();
        using var face = library.OpenFace(TextRasterizer.DefaultFontPath);
        foreach (char c in "°—≥±μ")
        {
            Assert.True(face.HasGlyph(c), $"U+{(int)c:X4}");
        }
        Assert.False(face.HasGlyph(0x4E00)); // no CJK in DejaVu Sans
    }

    [Fact]
    public void Missing_font_names_the_file()
    {
        using var library = FreeTypeLibrary.Create();
        var e = Assert.Throws<FreeTypeException>(() => library.OpenFace("/nonexistent/font.ttf"));
        Assert.Contains("/nonexistent/font.ttf", e.Message);
    }

    [Fact]
    public void Non_font_file_is_a_freetype_error_naming_the_file()
    {
        using var library = FreeTypeLibrary.Create();
        string path = RepoPaths.Fixture("README.md");
        var e = Assert.Throws<FreeTypeException>(() => library.OpenFace(path));
        Assert.Contains(path, e.Message);
        Assert.NotEqual(0, e.ErrorCode);
    }
}
