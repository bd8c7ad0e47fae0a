using System.Globalization;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// A contact sheet for looking at the phantom: one row per sample with photo | X-ray | X-ray with the
/// keypoint skeleton, the angles and grades under a "not for diagnosis" header.
/// </summary>
public static class PhantomContactSheet
{
    private const int Gap = 4;
    private const uint Background = 0x202020FF;

    /// <summary>Renders the sheet as RGBA8; returns the pixels with their width and height.</summary>
    public static (byte[] Rgba, int Width, int Height) Render(IReadOnlyList<PhantomSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A contact sheet needs at least one sample.", nameof(samples));
        }

        int size = samples[0].Size;
        int fontPx = Math.Clamp(size / 14, 12, 22);
        int header = (fontPx * 2) + Gap;
        int caption = fontPx + (fontPx / 2);
        int rowHeight = size + caption + Gap;
        int width = (3 * size) + (4 * Gap);
        int height = header + (samples.Count * rowHeight) + Gap;
        var rgba = new byte[width * height * 4];
        PixelDraw.FillRect(rgba, width, height, 0, 0, width, height, Background);
        using var text = TextRasterizer.CreateDefault(fontPx);
        text.Draw(rgba, width, height, Gap, fontPx + (fontPx / 3), "Synthetic phantom \u2014 not for diagnosis", 0xFFD070FF);

        for (int r = 0; r < samples.Count; r++)
        {
            var s = samples[r];
            if (s.Size != size)
            {
                throw new ArgumentException("All samples of a sheet must have the same size.", nameof(samples));
            }

            int top = header + (r * rowHeight);
            string line = string.Create(
                CultureInfo.InvariantCulture,
                $"seed {s.Seed}  HVA {s.Angles.Hva:F1}\u00B0 {HalluxValgusGrading.NameOf(s.Angles.HvaGrade)}  IMA {s.Angles.Ima:F1}\u00B0 {HalluxValgusGrading.NameOf(s.Angles.ImaGrade)}");
            text.Draw(rgba, width, height, Gap, top + fontPx, line, 0xFFFFFFFF);
            int imageTop = top + caption;
            PixelDraw.Blit(s.Photo, size, size, 3, rgba, width, height, Gap, imageTop, size, size);
            PixelDraw.Blit(s.XRay, size, size, 1, rgba, width, height, (2 * Gap) + size, imageTop, size, size);
            int ox = (3 * Gap) + (2 * size);
            PixelDraw.Blit(s.XRay, size, size, 1, rgba, width, height, ox, imageTop, size, size);
            DrawSkeleton(rgba, width, height, s.Keypoints, ox, imageTop, size / 256.0);
        }

        return (rgba, width, height);
    }

    /// <summary>Draws the foot.md skeleton (edges, then points) offset by (ox, oy), scaled line widths by <paramref name="scale"/>.</summary>
    public static void DrawSkeleton(Span<byte> rgba, int width, int height, KeypointSet keypoints, double ox, double oy, double scale)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        double line = Math.Max(1.2, 1.8 * scale);
        double dot = Math.Max(1.8, 2.8 * scale);
        foreach (var (from, to) in FootSkeleton.Edges)
        {
            var a = keypoints[from];
            var b = keypoints[to];
            bool firstRay = from <= FootKeypoint.HalluxTip && to <= FootKeypoint.HalluxTip;
            PixelDraw.Line(rgba, width, height, ox + a.X, oy + a.Y, ox + b.X, oy + b.Y, line, firstRay ? 0xFF5050E0 : 0x40C0FFD0);
        }

        for (int i = 0; i < FootSkeleton.Count; i++)
        {
            var p = keypoints.Points[i];
            PixelDraw.Disc(rgba, width, height, ox + p.X, oy + p.Y, dot, 0xFFE040FF);
        }
    }
}
