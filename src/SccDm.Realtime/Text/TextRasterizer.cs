using System.Text;
using SccDm.Realtime.Native.FreeType;

namespace SccDm.Realtime.Text;

/// <summary>
/// Draws text into RGBA8 pixel buffers with FreeType (DejaVu Sans by default). Each character is rasterized once per
/// rasterizer and cached, so drawing text it has seen allocates nothing. Not thread-safe: one rasterizer per thread.
/// </summary>
public sealed class TextRasterizer : IDisposable
{
    /// <summary>The environment variable that overrides the font file.</summary>
    public const string FontEnvironmentVariable = "SCCDM_FONT";

    /// <summary>DejaVu Sans from Debian's fonts-dejavu-core.</summary>
    public const string DefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private const int AsciiCacheSize = 128;

    private readonly FreeTypeLibrary _library;
    private readonly FreeTypeFace _face;
    private readonly Glyph?[] _ascii = new Glyph?[AsciiCacheSize];
    private readonly Dictionary<int, Glyph> _other = [];
    private bool _disposed;

    private TextRasterizer(FreeTypeLibrary library, FreeTypeFace face, string fontPath, int pixelHeight)
    {
        _library = library;
        _face = face;
        FontPath = fontPath;
        PixelHeight = pixelHeight;
        Ascender = face.Ascender;
        Descender = face.Descender;
        LineHeight = face.LineHeight;
    }

    /// <summary>Nominal pixel height of the font (pixels per em).</summary>
    public int PixelHeight { get; }

    /// <summary>The font file in use.</summary>
    public string FontPath { get; }

    /// <summary>Pixels from the baseline up to the top of the tallest glyphs.</summary>
    public int Ascender { get; }

    /// <summary>Pixels from the baseline down to the lowest descender, as a negative number.</summary>
    public int Descender { get; }

    /// <summary>Baseline-to-baseline distance for '\n'.</summary>
    public int LineHeight { get; }

    /// <summary>
    /// Opens the HUD font at <paramref name="pixelHeight"/> pixels: the file named by SCCDM_FONT if set, otherwise
    /// DejaVu Sans.
    /// </summary>
    /// <exception cref="FontUnavailableException">The font file or libfreetype is missing; the message says what to install.</exception>
    public static TextRasterizer CreateDefault(int pixelHeight)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(FontEnvironmentVariable);
        bool overridden = !string.IsNullOrWhiteSpace(fromEnvironment);
        string path = overridden ? fromEnvironment! : DefaultFontPath;
        if (!File.Exists(path))
        {
            throw new FontUnavailableException(overridden
                ? $"Font file not found: {path} (from {FontEnvironmentVariable}). Point {FontEnvironmentVariable} at a .ttf/.otf file, or unset it to use DejaVu Sans."
                : $"Font file not found: {path}. Install the Debian package fonts-dejavu-core (run .ci/setup), or set {FontEnvironmentVariable} to a .ttf/.otf file.");
        }
        return Create(path, pixelHeight);
    }

    /// <summary>Opens the font file at <paramref name="fontPath"/> at <paramref name="pixelHeight"/> pixels.</summary>
    /// <exception cref="FontUnavailableException">The font cannot be read or libfreetype is missing.</exception>
    public static TextRasterizer Create(string fontPath, int pixelHeight)
    {
        ArgumentNullException.ThrowIfNull(fontPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelHeight, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelHeight, 512);
        FreeTypeLibrary library;
        try
        {
            library = FreeTypeLibrary.Create();
        }
        catch (FreeTypeException e)
        {
            throw new FontUnavailableException($"{e.Message} Text cannot be drawn without FreeType.", e);
        }
        try
        {
            var face = library.OpenFace(fontPath);
            face.SetPixelSizes(0, pixelHeight);
            return new TextRasterizer(library, face, fontPath, pixelHeight);
        }
        catch (FreeTypeException e)
        {
            library.Dispose();
            throw new FontUnavailableException($"{e.Message} Install fonts-dejavu-core or set {FontEnvironmentVariable} to a readable .ttf/.otf file.", e);
        }
    }

    /// <summary>
    /// Width in pixels of <paramref name="text"/> as <see cref="Draw"/> would draw it (the widest line when it has '\n'):
    /// the larger of the summed advances and the right edge of the last glyph's ink.
    /// </summary>
    public int MeasureWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int widest = 0, pen = 0, right = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                widest = Math.Max(widest, Math.Max(pen, right));
                pen = right = 0;
                continue;
            }
            var glyph = GetGlyph(rune.Value);
            if (glyph.Width > 0)
            {
                right = Math.Max(right, pen + glyph.Left + glyph.Width);
            }
            pen += glyph.Advance;
        }
        return Math.Max(widest, Math.Max(pen, right));
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its first baseline at <paramref name="baselineY"/>, blending colour
    /// <paramref name="rgba"/> (0xRRGGBBAA) over the RGBA8 <paramref name="pixels"/> by glyph coverage. Everything
    /// outside the buffer is clipped; nothing is written out of bounds. '\n' starts a new line at <paramref name="x"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is smaller than width × height × 4.</exception>
    public void Draw(Span<byte> pixels, int width, int height, int x, int baselineY, string text, uint rgba)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        long needed = (long)width * height * 4;
        if (pixels.Length < needed)
        {
            throw new ArgumentException($"a {width}x{height} RGBA8 buffer needs {needed} bytes; got {pixels.Length}", nameof(pixels));
        }
        uint alpha = rgba & 0xFF;
        if (alpha == 0 || width == 0 || height == 0)
        {
            return;
        }
        byte r = (byte)(rgba >> 24), g = (byte)(rgba >> 16), b = (byte)(rgba >> 8);

        int penX = x, baseline = baselineY;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                penX = x;
                baseline += LineHeight;
                continue;
            }
            var glyph = GetGlyph(rune.Value);
            if (glyph.Width > 0)
            {
                Blend(pixels, width, height, penX + glyph.Left, baseline - glyph.Top, glyph, r, g, b, alpha);
            }
            penX += glyph.Advance;
        }
    }

    private static void Blend(Span<byte> pixels, int width, int height, int left, int top, Glyph glyph, byte r, byte g, byte b, uint alpha)
    {
        // Clip the glyph box to the buffer once, then blend only the visible part.
        int x0 = Math.Max(0, left), x1 = Math.Min(width, left + glyph.Width);
        int y0 = Math.Max(0, top), y1 = Math.Min(height, top + glyph.Rows);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }
        var coverage = glyph.Coverage;
        for (int y = y0; y < y1; y++)
        {
            int src = (y - top) * glyph.Width + (x0 - left);
            int dst = (y * width + x0) * 4;
            for (int px = x0; px < x1; px++, src++, dst += 4)
            {
                uint c = coverage[src];
                if (c == 0)
                {
                    continue;
                }
                // a in 0..255: coverage times the colour's alpha; "over" blend in integers, rounded.
                uint a = (c * alpha + 127) / 255;
                uint inv = 255 - a;
                pixels[dst] = (byte)((r * a + pixels[dst] * inv + 127) / 255);
                pixels[dst + 1] = (byte)((g * a + pixels[dst + 1] * inv + 127) / 255);
                pixels[dst + 2] = (byte)((b * a + pixels[dst + 2] * inv + 127) / 255);
                pixels[dst + 3] = (byte)(a + (pixels[dst + 3] * inv + 127) / 255);
            }
        }
    }

    private Glyph GetGlyph(int codepoint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)codepoint < AsciiCacheSize)
        {
            return _ascii[codepoint] ??= Rasterize(codepoint);
        }
        if (!_other.TryGetValue(codepoint, out var glyph))
        {
            glyph = Rasterize(codepoint);
            _other[codepoint] = glyph;
        }
        return glyph;
    }

    private Glyph Rasterize(int codepoint)
    {
        var slot = _face.LoadChar(codepoint);
        var coverage = new byte[slot.Width * slot.Rows];
        if (slot.IsGray && slot.Width > 0)
        {
            // Copy row by row: FreeType's rows may be padded (|pitch| ≥ width) and bottom-up when pitch < 0.
            int stride = Math.Abs(slot.Pitch);
            for (int row = 0; row < slot.Rows; row++)
            {
                int srcRow = slot.Pitch >= 0 ? row : slot.Rows - 1 - row;
                slot.Buffer.Slice(srcRow * stride, slot.Width).CopyTo(coverage.AsSpan(row * slot.Width));
            }
            return new Glyph(slot.Width, slot.Rows, slot.BitmapLeft, slot.BitmapTop, slot.AdvanceX, coverage);
        }
        // Not gray (a bitmap-only font) or empty (space): keep only the advance.
        return new Glyph(0, 0, 0, 0, slot.AdvanceX, []);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _face.Dispose();
        _library.Dispose();
    }

    private sealed record Glyph(int Width, int Rows, int Left, int Top, int Advance, byte[] Coverage);
}
