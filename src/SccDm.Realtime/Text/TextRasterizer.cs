namespace SccDm.Realtime.Text;

/// <summary>
/// Draws text into RGBA8 pixel buffers with FreeType and DejaVu Sans.
/// PLACEHOLDER: the FreeType-backed implementation replaces this file; until then it draws nothing.
/// </summary>
public sealed class TextRasterizer : IDisposable
{
    private TextRasterizer(int pixelHeight) => PixelHeight = pixelHeight;

    /// <summary>Nominal pixel height of the font.</summary>
    public int PixelHeight { get; }

    /// <summary>Opens DejaVu Sans at <paramref name="pixelHeight"/> pixels.</summary>
    public static TextRasterizer CreateDefault(int pixelHeight) => new(pixelHeight);

    /// <summary>Width in pixels of <paramref name="text"/> as it would be drawn.</summary>
    public int MeasureWidth(string text) => text.Length * PixelHeight / 2;

    /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="baselineY"/>, blending colour <paramref name="rgba"/> (0xRRGGBBAA).</summary>
    public void Draw(Span<byte> pixels, int width, int height, int x, int baselineY, string text, uint rgba)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
