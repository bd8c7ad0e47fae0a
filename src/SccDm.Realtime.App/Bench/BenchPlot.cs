using System.Globalization;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App.Bench;

/// <summary>A PNG of a bench run: per-frame time of each stage over the run (top) and the p50 breakdown (bottom).</summary>
internal static class BenchPlot
{
    private static readonly uint[] s_colours = [0x4FC3F7FF, 0xFFB74DFF, 0x81C784FF, 0xE57373FF, 0xBA68C8FF, 0xFFF176FF, 0x4DB6ACFF, 0xF06292FF, 0xA1887FFF, 0x90A4AEFF];

    /// <summary>Draws <paramref name="events"/> (warm-up already left out) and writes the PNG.</summary>
    public static void Write(string path, IReadOnlyList<string> stageNames, IReadOnlyList<StageEvent> events, IReadOnlyDictionary<string, StageStatistics> stats, string title)
    {
        const int width = 1200, height = 720, left = 70, right = 20, top = 50, plotHeight = 380;
        var rgba = new byte[width * height * 4];
        PixelDraw.FillRect(rgba, width, height, 0, 0, width, height, 0x12161CFF);
        using TextRasterizer text = TextRasterizer.CreateDefault(15);
        text.Draw(rgba, width, height, left, 28, title, 0xE8ECF0FF);

        // Top: each stage's duration against the time it started, on shared axes (ms up, seconds of the run across).
        long t0 = events.Count > 0 ? events.Min(e => e.Start) : 0;
        double span = events.Count > 0 ? Math.Max(1e-3, FrameProfiler.TicksToMs(events.Max(e => e.Start) - t0)) : 1;
        var byStage = stageNames.Select((_, i) => events.Where(e => e.StageId == i).OrderBy(e => e.Start)
            .Select(e => (At: FrameProfiler.TicksToMs(e.Start - t0) / span, Ms: FrameProfiler.TicksToMs(e.End - e.Start))).ToArray()).ToArray();
        double max = Math.Max(1, byStage.SelectMany(x => x).Select(p => p.Ms).DefaultIfEmpty(1).Max());
        int plotWidth = width - left - right;
        PixelDraw.FillRect(rgba, width, height, left, top, plotWidth, plotHeight, 0x1A2029FF);
        for (int g = 0; g <= 4; g++)
        {
            int y = top + plotHeight - (g * plotHeight / 4);
            PixelDraw.Line(rgba, width, height, left, y, left + plotWidth, y, 1, 0x2C3440FF);
            text.Draw(rgba, width, height, 8, y + 5, (max * g / 4).ToString("F0", CultureInfo.InvariantCulture) + " ms", 0x9AA4B0FF);
        }
        for (int s = 0; s < byStage.Length; s++)
        {
            var series = byStage[s];
            for (int i = 1; i < series.Length; i++)
            {
                double x0 = left + series[i - 1].At * plotWidth, x1 = left + series[i].At * plotWidth;
                double y0 = top + plotHeight - series[i - 1].Ms / max * plotHeight;
                double y1 = top + plotHeight - series[i].Ms / max * plotHeight;
                PixelDraw.Line(rgba, width, height, x0, y0, x1, y1, 1.5, s_colours[s % s_colours.Length]);
            }
        }
        text.Draw(rgba, width, height, left + plotWidth - 260, top + plotHeight + 18,
            string.Create(CultureInfo.InvariantCulture, $"run time →  {span / 1000:F1} s"), 0x9AA4B0FF);

        // Bottom: p50 per stage as horizontal bars, with p95 written beside them.
        int barsTop = top + plotHeight + 30, barHeight = 20;
        double barMax = Math.Max(1, stats.Values.Select(v => v.P95).DefaultIfEmpty(1).Max());
        int row = 0;
        for (int s = 0; s < stageNames.Count; s++)
        {
            if (!stats.TryGetValue(stageNames[s], out StageStatistics? st) || st.Count == 0)
            {
                continue;
            }
            int y = barsTop + row * (barHeight + 6);
            if (y + barHeight > height)
            {
                break;
            }
            text.Draw(rgba, width, height, 8, y + 15, stageNames[s], s_colours[s % s_colours.Length]);
            int w = (int)(st.P50 / barMax * (plotWidth - 260));
            PixelDraw.FillRect(rgba, width, height, left + 60, y, Math.Max(1, w), barHeight, s_colours[s % s_colours.Length]);
            text.Draw(rgba, width, height, left + 70 + w, y + 15,
                string.Create(CultureInfo.InvariantCulture, $"p50 {st.P50:F2} ms   p95 {st.P95:F2} ms   ({st.Count})"), 0xE8ECF0FF);
            row++;
        }
        PngCodec.Write(path, rgba, width, height, PngPixelFormat.Rgba);
    }
}
