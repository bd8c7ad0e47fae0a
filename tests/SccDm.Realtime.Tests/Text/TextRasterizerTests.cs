using SccDm.Realtime.Text;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Text;

public sealed class TextRasterizerTests
{
    private const int Width = 200, Height = 60;

    [Fact]
    public void Drawing_changes_pixels_only_inside_the_measured_box()
    {
        using var text = TextRasterizer.CreateDefault(20);
        var pixels = new byte[Width * Height * 4];
        const int x = 10, baseline = 40;
        const string label = "HVA 23.4°";

        text.Draw(pixels, Width, Height, x, baseline, label, 0xFFFFFFFF);

        int measured = text.MeasureWidth(label);
        int top = baseline - text.Ascender, bottom = baseline - text.Descender;
        int changed = 0, minX = int.MaxValue, maxX = -1;
        for (int py = 0; py < Height; py++)
        {
            for (int px = 0; px < Width; px++)
            {
                if (pixels[(py * Width + px) * 4 + 3] == 0)
                {
                    continue;
                }
                changed++;
                minX = Math.Min(minX, px);
                maxX = Math.Max(maxX, px);
                Assert.InRange(px, x, x + measured - 1);
                Assert.InRange(py, top, bottom - 1);
            }
        }
        Assert.True(changed > 100, $"only {changed} pixels drawn");
        Assert.True(maxX > x + measured * 3 / 4, "the ink reaches the end of the measured box (the degree sign)");
        Assert.InRange(minX, x, x + 4);
    }

    [Fact]
    public void Full_coverage_gets_the_exact_colour_and_zero_alpha_draws_nothing()
    {
        using var text = TextRasterizer.CreateDefault(24);
        var pixels = new byte[Width * Height * 4];
        text.Draw(pixels, Width, Height, 5, 40, "H", 0x20C0F0FF);
        bool exact = false;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            exact |= pixels[i] == 0x20 && pixels[i + 1] == 0xC0 && pixels[i + 2] == 0xF0 && pixels[i + 3] == 0xFF;
        }
        Assert.True(exact, "no fully covered pixel has the exact colour");

        var untouched = new byte[Width * Height * 4];
        text.Draw(untouched, Width, Height, 5, 40, "H", 0xFFFFFF00);
        Assert.All(untouched, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Half_transparent_colour_blends_over_the_background()
    {
        using var text = TextRasterizer.CreateDefault(24);
        var pixels = new byte[Width * Height * 4];
        for (int i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = 100;
            pixels[i + 3] = 255;
        }
        text.Draw(pixels, Width, Height, 5, 40, "H", 0xFF000080); // red at alpha 128
        byte maxRed = 0;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            maxRed = Math.Max(maxRed, pixels[i]);
            Assert.Equal(255, pixels[i + 3]);
        }
        Assert.InRange(maxRed, 176, 178); // 100 + (255 − 100)·128/255 ≈ 177.8
    }

    [Fact]
    public void Measure_width_grows_with_text()
    {
        using var text = TextRasterizer.CreateDefault(16);
        Assert.Equal(0, text.MeasureWidth(""));
        int h = text.MeasureWidth("H"), hv = text.MeasureWidth("HV"), hva = text.MeasureWidth("HVA");
        Assert.True(0 < h && h < hv && hv < hva, $"{h} {hv} {hva}");
        Assert.True(text.MeasureWidth("HVA 23.4°") > text.MeasureWidth("HVA 23.4"));
        Assert.Equal(text.MeasureWidth("long line"), text.MeasureWidth("long line\nshort"));
        Assert.Equal(16, text.PixelHeight);
    }

    [Fact]
    public void Non_ascii_symbols_have_ink()
    {
        using var text = TextRasterizer.CreateDefault(20);
        foreach (string symbol in new[] { "°", "—", "≥", "±" })
        {
            var pixels = new byte[40 * 40 * 4];
            text.Draw(pixels, 40, 40, 5, 30, symbol, 0xFFFFFFFF);
            Assert.True(pixels.Any(b => b != 0), symbol);
            Assert.True(text.MeasureWidth(symbol) > 0, symbol);
        }
    }

    [Fact]
    public void Drawing_at_and_past_every_edge_stays_in_bounds()
    {
        using var text = TextRasterizer.CreateDefault(20);
        const int w = 50, h = 30, guard = 64;
        var backing = new byte[guard + w * h * 4 + guard];
        Array.Fill(backing, (byte)0xA5);
        var pixels = backing.AsSpan(guard, w * h * 4);
        pixels.Clear();

        (int X, int Y)[] positions = [(-15, 10), (40, 10), (10, 5), (10, 38), (-1000, -1000), (1000, 1000), (45, 35), (-8, 2), (int.MinValue / 2, int.MaxValue / 2)];
        foreach (var (x, y) in positions)
        {
            text.Draw(pixels, w, h, x, y, "Wg°—≥ edge\nline", 0xFFFFFFFF);
        }

        Assert.All(backing.AsSpan(0, guard).ToArray(), b => Assert.Equal(0xA5, b));
        Assert.All(backing.AsSpan(guard + w * h * 4).ToArray(), b => Assert.Equal(0xA5, b));
        Assert.Contains(pixels.ToArray(), b => b != 0);
    }

    [Fact]
    public void Small_buffer_is_rejected()
    {
        using var text = TextRasterizer.CreateDefault(12);
        var e = Assert.Throws<ArgumentException>(() => text.Draw(new byte[10], 10, 10, 0, 8, "x", 0xFFFFFFFF));
        Assert.Contains("400", e.Message);
    }

    [Fact]
    public void Drawing_cached_glyphs_allocates_nothing()
    {
        using var text = TextRasterizer.CreateDefault(18);
        var pixels = new byte[Width * Height * 4];
        const string label = "HVA 23.4° IMA 9.1° ≥ 15 — KCC 0.85";
        text.Draw(pixels, Width, Height, 0, 30, label, 0xFFFFFFFF); // rasterizes and caches every glyph
        text.MeasureWidth(label);

        int i = 0;
        Assert.Equal(0, Allocations.SteadyStateBytes(
            () =>
            {
                text.Draw(pixels, Width, Height, i++ % 20, 30, label, 0xFFD070FF);
                text.MeasureWidth(label);
            },
            100));
    }

    [Fact]
    public void Missing_font_says_what_to_install()
    {
        var e = Assert.Throws<FontUnavailableException>(() => TextRasterizer.Create("/nonexistent/DejaVuSans.ttf", 16));
        Assert.Contains("/nonexistent/DejaVuSans.ttf", e.Message);
        Assert.Contains("fonts-dejavu-core", e.Message);
    }

    [Fact]
    public void Font_environment_variable_overrides_and_is_checked()
    {
        string? previous = Environment.GetEnvironmentVariable(TextRasterizer.FontEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(TextRasterizer.FontEnvironmentVariable, "/nonexistent/custom.ttf");
            var e = Assert.Throws<FontUnavailableException>(() => TextRasterizer.CreateDefault(16));
            Assert.Contains("/nonexistent/custom.ttf", e.Message);
            Assert.Contains(TextRasterizer.FontEnvironmentVariable, e.Message);

            string mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
            if (File.Exists(mono))
            {
                Environment.SetEnvironmentVariable(TextRasterizer.FontEnvironmentVariable, mono);
                using var text = TextRasterizer.CreateDefault(16);
                Assert.Equal(mono, text.FontPath);
                Assert.Equal(text.MeasureWidth("iiii"), text.MeasureWidth("MMMM")); // monospaced
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(TextRasterizer.FontEnvironmentVariable, previous);
        }
    }

    [Fact]
    public void Default_font_is_dejavu_sans_and_dispose_is_idempotent()
    {
        var text = TextRasterizer.CreateDefault(16);
        Assert.Equal(TextRasterizer.DefaultFontPath, text.FontPath);
        text.Dispose();
        text.Dispose();
        Assert.Throws<ObjectDisposedException>(() => text.MeasureWidth("x"));
    }
}
