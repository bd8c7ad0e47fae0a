using SccDm.Realtime.Imaging;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Composes the kiosk view on the CPU into an RGBA8 buffer of the window's size: title bar, camera (left),
/// synthetic X-ray with the keypoint skeleton and the permanent watermark (right), the engineering HUD and the
/// clinical readout below, and the help overlay and keypoint tooltip on top. The same code serves the window and
/// headless PNGs. Steady-state composition allocates nothing (fonts and layout are rebuilt only on resize).
/// Display thread only.
/// </summary>
internal sealed class KioskCompositor : IDisposable
{
    private readonly CachedBlit _camera = new();
    private readonly CachedBlit _xray = new();
    private readonly string?[] _fitSource = new string?[KioskScene.HudLineCount];
    private readonly int[] _fitWidth = new int[KioskScene.HudLineCount];
    private readonly string[] _fitResult = new string[KioskScene.HudLineCount];
    private readonly WrappedPanel _xrayPanel = new();
    private readonly WrappedPanel _cameraPanel = new();
    private KioskLayout? _layout;
    private TextRasterizer? _small;
    private TextRasterizer? _medium;
    private TextRasterizer? _large;
    private bool _disposed;

    /// <summary>The layout of the last composed frame, or null before the first.</summary>
    public KioskLayout? Layout => _layout;

    /// <summary>Where the X-ray image was drawn in the last frame (its square, fitted in the panel).</summary>
    public PixelRect XrayRect { get; private set; }

    /// <summary>Times the scaled camera image was rebuilt (once per new camera frame, not per composed frame).</summary>
    public long CameraRebuilds => _camera.Rebuilds;

    /// <summary>Times the scaled X-ray was rebuilt (once per new result).</summary>
    public long XrayRebuilds => _xray.Rebuilds;

    /// <summary>Where the camera image was drawn in the last frame.</summary>
    public PixelRect CameraRect { get; private set; }

    /// <summary>Draws <paramref name="scene"/> into <paramref name="rgba"/> (<paramref name="width"/>×<paramref name="height"/>×4 bytes).</summary>
    /// <exception cref="Text.FontUnavailableException">The HUD font is missing (first frame only).</exception>
    public void Compose(KioskScene scene, Span<byte> rgba, int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(scene);
        if (rgba.Length < width * height * 4)
        {
            throw new ArgumentException($"A {width}×{height} frame needs {width * height * 4} bytes; got {rgba.Length}.", nameof(rgba));
        }

        var layout = EnsureLayout(width, height);
        ImageBlit.Fill(rgba, width, height, new PixelRect(0, 0, width, height), KioskPalette.Background);
        DrawTitle(scene, layout, rgba);
        DrawCamera(scene, layout, rgba);
        DrawXray(scene, layout, rgba);
        DrawReadout(scene, layout, rgba);
        DrawHud(scene, layout, rgba);
        if (scene.HoverKeypoint >= 0 && scene.HoverText.Length > 0)
        {
            DrawTooltip(scene, layout, rgba);
        }

        if (scene.HelpVisible)
        {
            DrawHelp(layout, rgba);
        }
    }

    /// <summary>
    /// The keypoint drawn nearest to window pixel (x, y) within a finger's width, or −1. Uses the last composed
    /// layout and <paramref name="scene"/>'s result.
    /// </summary>
    public int HitTestKeypoint(KioskScene scene, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var result = scene.Result;
        if (_layout is null || result is null || !result.HasKeypoints || XrayRect.IsEmpty)
        {
            return -1;
        }

        double radius = Math.Max(10, _layout.Height / 50.0);
        int best = -1;
        double bestDistance = radius * radius;
        for (int i = 0; i < result.Keypoints.Length; i++)
        {
            ToScreen(result.Keypoints[i].X, result.Keypoints[i].Y, result.ImageSize, out double sx, out double sy);
            double d = ((sx - x) * (sx - x)) + ((sy - y) * (sy - y));
            if (d <= bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }

        return best;
    }

    private KioskLayout EnsureLayout(int width, int height)
    {
        if (_layout is not null && _layout.Width == width && _layout.Height == height)
        {
            return _layout;
        }

        var layout = KioskLayout.For(width, height);
        if (_layout is null || _layout.SmallPx != layout.SmallPx || _layout.MediumPx != layout.MediumPx || _layout.LargePx != layout.LargePx)
        {
            DisposeFonts();
            _small = TextRasterizer.CreateDefault(layout.SmallPx);
            _medium = TextRasterizer.CreateDefault(layout.MediumPx);
            _large = TextRasterizer.CreateDefault(layout.LargePx);
        }

        _layout = layout;
        return layout;
    }

    private void DrawTitle(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        var bar = layout.Title;
        ImageBlit.Fill(rgba, w, h, bar, KioskPalette.TitleBar);
        ImageBlit.Fill(rgba, w, h, new PixelRect(0, bar.Bottom - 1, w, 1), KioskPalette.Border);
        var medium = _medium!;
        var small = _small!;
        int baseline = bar.Y + ((bar.H + medium.Ascender + medium.Descender) / 2);
        medium.Draw(rgba, w, h, layout.Margin * 2, baseline, KioskText.Title, KioskPalette.Text);

        // Right to left: help hint, sampler, FROZEN, REC.
        int gap = layout.Margin * 3;
        int x = w - (layout.Margin * 2);
        int smallBaseline = bar.Y + ((bar.H + small.Ascender + small.Descender) / 2);
        x -= small.MeasureWidth(KioskText.HelpHint);
        small.Draw(rgba, w, h, x, smallBaseline, KioskText.HelpHint, KioskPalette.TextMuted);
        if (scene.SamplerText.Length > 0)
        {
            x -= gap + small.MeasureWidth(scene.SamplerText);
            small.Draw(rgba, w, h, x, smallBaseline, scene.SamplerText, KioskPalette.TextMuted);
        }

        if (scene.Frozen)
        {
            x -= gap;
            x -= Chip(rgba, layout, x, bar, KioskText.Frozen, KioskPalette.Amber);
        }

        if (scene.Recording)
        {
            x -= gap;
            x -= Chip(rgba, layout, x, bar, scene.RecordingText, KioskPalette.Red);
            PixelDraw.Disc(rgba, w, h, x - layout.Margin - (layout.SmallPx * 0.4), bar.CenterY, layout.SmallPx * 0.4, KioskPalette.Red);
        }
        else if (scene.RecordingError is { } error)
        {
            x -= gap;
            x -= Chip(rgba, layout, x, bar, error, KioskPalette.Red);
        }
    }

    /// <summary>A label in a tinted, outlined box whose right edge is at <paramref name="rightX"/>; returns its width.</summary>
    private int Chip(Span<byte> rgba, KioskLayout layout, int rightX, PixelRect bar, string text, uint color)
    {
        var small = _small!;
        int pad = layout.Margin;
        int width = small.MeasureWidth(text) + (2 * pad);
        int height = small.LineHeight + pad;
        int x = rightX - width;
        var box = new PixelRect(x, bar.CenterY - (height / 2), width, height);
        ImageBlit.Blend(rgba, layout.Width, layout.Height, box, (color & 0xFFFFFF00) | 0x30);
        ImageBlit.Outline(rgba, layout.Width, layout.Height, box, color);
        int baseline = box.Y + ((box.H + small.Ascender + small.Descender) / 2);
        small.Draw(rgba, layout.Width, layout.Height, x + pad, baseline, text, color);
        return width;
    }

    private void Caption(Span<byte> rgba, KioskLayout layout, PixelRect panel, string text)
    {
        var strip = new PixelRect(panel.X, panel.Y, panel.W, layout.CaptionHeight);
        ImageBlit.Fill(rgba, layout.Width, layout.Height, strip, KioskPalette.Surface);
        var small = _small!;
        int baseline = strip.Y + ((strip.H + small.Ascender + small.Descender) / 2);
        small.Draw(rgba, layout.Width, layout.Height, panel.X + layout.Margin, baseline, text, KioskPalette.TextMuted);
    }

    private void DrawCamera(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        Caption(rgba, layout, layout.CameraPanel, scene.SourceEnded ? KioskText.StreamEnded : scene.CameraCaption);
        var area = layout.CameraImageArea;
        ImageBlit.Fill(rgba, w, h, area, KioskPalette.ImageBackground);
        var frame = scene.Camera;
        if (frame is null)
        {
            CameraRect = default;
            CenteredText(rgba, layout, _medium!, area, KioskText.WaitingForCamera, KioskPalette.TextMuted);
        }
        else
        {
            var fit = area.Fit(frame.Width, frame.Height);
            CameraRect = fit;
            // Slot buffers are reused for later frames, so the version is the frame's sequence and capture time.
            _camera.Draw(frame.Pixels, frame.Width, frame.Height, 4, frame, unchecked((frame.Sequence * 1_000_003) ^ frame.CaptureTimestamp), rgba, w, h, fit);
            // The sampler sees the centre square of the frame (FrameFit.CenterCrop): show the patient where that is.
            int side = Math.Min(fit.W, fit.H);
            ImageBlit.Outline(rgba, w, h, new PixelRect(fit.CenterX - (side / 2), fit.Y + ((fit.H - side) / 2), side, side), KioskPalette.Border, 2);
        }

        if (scene.CameraFault is { } fault)
        {
            DrawErrorPanel(rgba, layout, area, fault, _cameraPanel);
        }

        ImageBlit.Outline(rgba, w, h, layout.CameraPanel, scene.Frozen ? KioskPalette.Amber : KioskPalette.Border);
    }

    private void DrawXray(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        Caption(rgba, layout, layout.XrayPanel, scene.StandIn ? KioskText.XrayCaptionStandIn : KioskText.XrayCaption);
        var area = layout.XrayImageArea;
        ImageBlit.Fill(rgba, w, h, area, KioskPalette.ImageBackground);
        var result = scene.Result;
        int size = result?.ImageSize ?? 1;
        var square = area.Fit(1, 1);
        XrayRect = square;
        if (scene.XrayFault is { } fault)
        {
            // No X-ray (the model did not load, or synthesis stopped): say why and what to do, in its place.
            DrawErrorPanel(rgba, layout, square, fault, _xrayPanel);
        }
        else if (result is not null && scene.XraySize > 0)
        {
            _xray.Draw(scene.XrayGray, scene.XraySize, scene.XraySize, 1, scene, scene.XrayVersion, rgba, w, h, square);
            if (result.HasKeypoints)
            {
                DrawSkeleton(scene, layout, rgba, size);
            }
        }

        // The watermark is drawn whatever else is shown: every view of the panel carries it.
        var medium = _medium!;
        int bandHeight = medium.LineHeight + layout.Margin;
        var band = new PixelRect(square.X, square.Bottom - bandHeight, square.W, bandHeight);
        ImageBlit.Blend(rgba, w, h, band, KioskPalette.WatermarkBand);
        int textWidth = medium.MeasureWidth(KioskText.Watermark);
        int baseline = band.Y + ((band.H + medium.Ascender + medium.Descender) / 2);
        medium.Draw(rgba, w, h, band.X + Math.Max(layout.Margin, (band.W - textWidth) / 2), baseline, KioskText.Watermark, KioskPalette.WatermarkText);
        ImageBlit.Outline(rgba, w, h, layout.XrayPanel, scene.Frozen ? KioskPalette.Amber : KioskPalette.Border);
    }

    private void DrawSkeleton(KioskScene scene, KioskLayout layout, Span<byte> rgba, int size)
    {
        int w = layout.Width, h = layout.Height;
        var keypoints = scene.Result!.Keypoints;
        double thickness = Math.Max(1.5, layout.Height / 360.0);
        var edges = FootSkeleton.Edges;
        for (int e = 0; e < edges.Count; e++)
        {
            var (from, to) = edges[e];
            var a = keypoints[(int)from];
            var b = keypoints[(int)to];
            ToScreen(a.X, a.Y, size, out double ax, out double ay);
            ToScreen(b.X, b.Y, size, out double bx, out double by);
            PixelDraw.Line(rgba, w, h, ax, ay, bx, by, thickness, KioskPalette.SkeletonEdge);
        }

        double radius = Math.Max(2.5, layout.Height / 150.0);
        for (int i = 0; i < keypoints.Length; i++)
        {
            ToScreen(keypoints[i].X, keypoints[i].Y, size, out double x, out double y);
            // A dark ring keeps the colour readable on bright bone.
            PixelDraw.Disc(rgba, w, h, x, y, radius + 1.5, 0x000000C0);
            PixelDraw.Disc(rgba, w, h, x, y, i == scene.HoverKeypoint ? radius * 1.6 : radius, KioskPalette.ForConfidence(keypoints[i].Confidence));
        }
    }

    private void DrawReadout(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        var area = layout.ReadoutArea;
        ImageBlit.Fill(rgba, w, h, area, KioskPalette.Surface);
        ImageBlit.Outline(rgba, w, h, area, KioskPalette.Border);
        var small = _small!;
        var medium = _medium!;
        var large = _large!;
        int x = area.X + (2 * layout.Margin);
        int y = area.Y + layout.Margin;
        switch (scene.Readout)
        {
            case ReadoutState.Measured:
            {
                int baseline = y + medium.Ascender;
                var kcc = scene.Result!.Kcc;
                PixelDraw.Disc(rgba, w, h, x + (medium.Ascender * 0.35), baseline - (medium.Ascender * 0.35), medium.Ascender * 0.3, KioskPalette.ForConfidence(kcc));
                medium.Draw(rgba, w, h, x + medium.Ascender, baseline, scene.KccText, KioskPalette.Text);
                int gradeX = x + large.MeasureWidth("IMA  00.0° ± 0.0°") + (3 * layout.Margin);
                baseline += large.LineHeight;
                large.Draw(rgba, w, h, x, baseline, scene.HvaText, KioskPalette.Text);
                large.Draw(rgba, w, h, gradeX, baseline, scene.HvaGradeText, KioskPalette.Text);
                baseline += large.LineHeight;
                large.Draw(rgba, w, h, x, baseline, scene.ImaText, KioskPalette.Text);
                large.Draw(rgba, w, h, gradeX, baseline, scene.ImaGradeText, KioskPalette.Text);
                small.Draw(rgba, w, h, x, area.Bottom - layout.Margin + small.Descender, KioskText.GradeDisclaimer, KioskPalette.TextMuted);
                break;
            }

            case ReadoutState.NoFoot:
                Message(rgba, layout, area, KioskText.PlaceFoot, KioskText.PlaceFootDetail);
                break;
            case ReadoutState.HoldStill:
                Message(rgba, layout, area, KioskText.HoldStill, scene.KccHint);
                break;
            case ReadoutState.NoDetector:
                medium.Draw(rgba, w, h, x, y + medium.Ascender, KioskText.NoDetector, KioskPalette.TextMuted);
                break;
            case ReadoutState.Fault:
                Message(rgba, layout, area, KioskText.NoXray, KioskText.NoXrayDetail);
                break;
            default:
                medium.Draw(rgba, w, h, x, y + medium.Ascender, KioskText.Starting, KioskPalette.TextMuted);
                break;
        }
    }

    private void Message(Span<byte> rgba, KioskLayout layout, PixelRect area, string message, string detail)
    {
        var large = _large!;
        var small = _small!;
        int total = large.LineHeight + small.LineHeight;
        int top = area.Y + Math.Max(layout.Margin, (area.H - total) / 2);
        int x = area.X + Math.Max(layout.Margin, (area.W - large.MeasureWidth(message)) / 2);
        large.Draw(rgba, layout.Width, layout.Height, x, top + large.Ascender, message, KioskPalette.Amber);
        if (detail.Length > 0)
        {
            int dx = area.X + Math.Max(layout.Margin, (area.W - small.MeasureWidth(detail)) / 2);
            small.Draw(rgba, layout.Width, layout.Height, dx, top + large.LineHeight + small.Ascender, detail, KioskPalette.TextMuted);
        }
    }

    private void DrawHud(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        var area = layout.HudArea;
        var small = _small!;
        if (!scene.HudVisible)
        {
            small.Draw(rgba, w, h, area.X + layout.Margin, area.Bottom - layout.Margin + small.Descender, KioskText.HudHidden, KioskPalette.TextMuted);
            return;
        }

        ImageBlit.Fill(rgba, w, h, area, KioskPalette.Surface);
        ImageBlit.Outline(rgba, w, h, area, KioskPalette.Border);
        int x = area.X + layout.Margin;
        int baseline = area.Y + layout.Margin + small.Ascender;
        int maxWidth = area.W - (2 * layout.Margin);
        for (int i = 0; i < scene.HudLines.Length; i++)
        {
            small.Draw(rgba, w, h, x, baseline, FitLine(i, scene.HudLines[i], small, maxWidth), KioskPalette.TextMuted);
            baseline += small.LineHeight;
        }

        // Frame-time graph: one bar per displayed frame, scaled to 50 ms, with a guide at 16.7 ms (60 fps).
        int graphTop = baseline - small.Ascender + (layout.Margin / 2);
        var graph = new PixelRect(x, graphTop, area.W - (2 * layout.Margin), area.Bottom - layout.Margin - graphTop);
        if (graph.H < 8 || scene.GraphCount == 0)
        {
            return;
        }

        ImageBlit.Fill(rgba, w, h, graph, KioskPalette.ImageBackground);
        const double scaleMs = 50;
        int guide = graph.Bottom - (int)(graph.H * (1000.0 / 60) / scaleMs);
        ImageBlit.Fill(rgba, w, h, new PixelRect(graph.X, guide, graph.W, 1), KioskPalette.Border);
        int count = scene.GraphCount;
        double barWidth = (double)graph.W / KioskScene.GraphLength;
        for (int i = 0; i < count; i++)
        {
            double ms = scene.FrameTimes[i];
            int barHeight = Math.Clamp((int)(graph.H * ms / scaleMs), 1, graph.H);
            int bx = graph.X + (int)((KioskScene.GraphLength - count + i) * barWidth);
            int bw = Math.Max(1, (int)((KioskScene.GraphLength - count + i + 1) * barWidth) - (bx - graph.X) - 1);
            uint color = ms > 34 ? KioskPalette.Amber : KioskPalette.Accent;
            ImageBlit.Fill(rgba, w, h, new PixelRect(bx, graph.Bottom - barHeight, bw, barHeight), color);
        }
    }

    private void DrawTooltip(KioskScene scene, KioskLayout layout, Span<byte> rgba)
    {
        var small = _small!;
        int pad = layout.Margin / 2 + 2;
        int width = small.MeasureWidth(scene.HoverText) + (2 * pad);
        int height = small.LineHeight + pad;
        int x = Math.Clamp((int)scene.CursorX + 14, 0, Math.Max(0, layout.Width - width));
        int y = Math.Clamp((int)scene.CursorY - height - 6, 0, Math.Max(0, layout.Height - height));
        var box = new PixelRect(x, y, width, height);
        ImageBlit.Blend(rgba, layout.Width, layout.Height, box, 0x000000D8);
        ImageBlit.Outline(rgba, layout.Width, layout.Height, box, KioskPalette.Border);
        small.Draw(rgba, layout.Width, layout.Height, x + pad, y + ((height + small.Ascender + small.Descender) / 2), scene.HoverText, KioskPalette.Text);
    }

    private void DrawHelp(KioskLayout layout, Span<byte> rgba)
    {
        int w = layout.Width, h = layout.Height;
        var medium = _medium!;
        int keyColumn = medium.MeasureWidth("Space") + (4 * layout.Margin);
        int widest = 0;
        foreach (var (_, action) in KioskText.Help)
        {
            widest = Math.Max(widest, medium.MeasureWidth(action));
        }

        int boxW = Math.Min(w - (2 * layout.Margin), keyColumn + widest + (6 * layout.Margin));
        int boxH = Math.Min(h - (2 * layout.Margin), ((KioskText.Help.Length + 2) * medium.LineHeight) + (3 * layout.Margin));
        var box = new PixelRect((w - boxW) / 2, (h - boxH) / 2, boxW, boxH);
        ImageBlit.Blend(rgba, w, h, new PixelRect(0, 0, w, h), 0x00000070);
        ImageBlit.Fill(rgba, w, h, box, KioskPalette.TitleBar);
        ImageBlit.Outline(rgba, w, h, box, KioskPalette.Accent);
        int x = box.X + (3 * layout.Margin);
        int baseline = box.Y + (2 * layout.Margin) + medium.Ascender;
        medium.Draw(rgba, w, h, x, baseline, KioskText.HelpTitle, KioskPalette.Accent);
        baseline += medium.LineHeight + (layout.Margin / 2);
        foreach (var (key, action) in KioskText.Help)
        {
            medium.Draw(rgba, w, h, x, baseline, key, KioskPalette.Text);
            medium.Draw(rgba, w, h, x + keyColumn, baseline, action, KioskPalette.TextMuted);
            baseline += medium.LineHeight;
        }
    }

    /// <summary>
    /// <paramref name="text"/> shortened with "…" to fit <paramref name="maxWidth"/>; cached per HUD line, so the
    /// work (and the allocation) happens only when the line's text or the width changes.
    /// </summary>
    private string FitLine(int slot, string text, TextRasterizer font, int maxWidth)
    {
        if (ReferenceEquals(_fitSource[slot], text) && _fitWidth[slot] == maxWidth)
        {
            return _fitResult[slot];
        }

        string fitted = text;
        if (font.MeasureWidth(text) > maxWidth)
        {
            int keep = text.Length;
            while (keep > 0 && font.MeasureWidth(string.Concat(text.AsSpan(0, keep), "…")) > maxWidth)
            {
                keep--;
            }

            fitted = string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
        }

        _fitSource[slot] = text;
        _fitWidth[slot] = maxWidth;
        _fitResult[slot] = fitted;
        return fitted;
    }

    /// <summary>
    /// An error panel inside <paramref name="area"/>: a red-outlined box with the fault's title, its reason and what
    /// to do, word-wrapped to the box (wrapping is cached per fault and width, so a steady frame allocates nothing).
    /// </summary>
    private void DrawErrorPanel(Span<byte> rgba, KioskLayout layout, PixelRect area, KioskFault fault, WrappedPanel cache)
    {
        int w = layout.Width, h = layout.Height;
        var medium = _medium!;
        var small = _small!;
        int inset = layout.Margin * 2;
        var box = new PixelRect(area.X + inset, area.Y + inset, Math.Max(1, area.W - (2 * inset)), Math.Max(1, area.H - (2 * inset)));
        int pad = layout.Margin * 2;
        int textWidth = Math.Max(1, box.W - (2 * pad));
        cache.Update(fault, textWidth, medium, small);
        ImageBlit.Fill(rgba, w, h, box, KioskPalette.Surface);
        ImageBlit.Outline(rgba, w, h, box, KioskPalette.Red, 2);
        int x = box.X + pad;
        int baseline = box.Y + pad + medium.Ascender;
        int bottom = box.Bottom - pad;
        foreach (string line in cache.Title)
        {
            medium.Draw(rgba, w, h, x, baseline, line, KioskPalette.Red);
            baseline += medium.LineHeight;
        }

        baseline += layout.Margin / 2;
        // The hint is kept whole at the bottom; the reason gets the room in between and is cut with "…".
        int hintHeight = cache.Hint.Count * small.LineHeight;
        int reasonLines = Math.Max(1, (bottom - hintHeight - layout.Margin - baseline + small.LineHeight) / small.LineHeight);
        for (int i = 0; i < cache.Reason.Count && i < reasonLines; i++)
        {
            bool cut = i == reasonLines - 1 && cache.Reason.Count > reasonLines;
            small.Draw(rgba, w, h, x, baseline, cut ? cache.CutReasonLine(i, small, textWidth) : cache.Reason[i], KioskPalette.Text);
            baseline += small.LineHeight;
        }

        baseline += layout.Margin;
        foreach (string line in cache.Hint)
        {
            small.Draw(rgba, w, h, x, baseline, line, KioskPalette.TextMuted);
            baseline += small.LineHeight;
        }
    }

    private static void CenteredText(Span<byte> rgba, KioskLayout layout, TextRasterizer font, PixelRect area, string text, uint color)
    {
        int x = area.X + Math.Max(0, (area.W - font.MeasureWidth(text)) / 2);
        int baseline = area.Y + ((area.H + font.Ascender + font.Descender) / 2);
        font.Draw(rgba, layout.Width, layout.Height, x, baseline, text, color);
    }

    private void ToScreen(double x, double y, int size, out double sx, out double sy)
    {
        var r = XrayRect;
        sx = r.X + (x * r.W / size);
        sy = r.Y + (y * r.H / size);
    }

    /// <summary>An error panel's text, wrapped for one fault at one width.</summary>
    private sealed class WrappedPanel
    {
        private KioskFault? _fault;
        private int _width = -1;
        private TextRasterizer? _font;

        public List<string> Title { get; } = [];

        public List<string> Reason { get; } = [];

        public List<string> Hint { get; } = [];

        private int _cutIndex = -1;
        private string _cut = "";

        public void Update(KioskFault fault, int width, TextRasterizer titleFont, TextRasterizer font)
        {
            if (ReferenceEquals(fault, _fault) && width == _width && ReferenceEquals(font, _font))
            {
                return;
            }

            _fault = fault;
            _width = width;
            _font = font;
            Wrap(fault.Title, titleFont, width, Title);
            Wrap(fault.Reason, font, width, Reason);
            Wrap(fault.Hint, font, width, Hint);
            _cutIndex = -1;
        }

        /// <summary>Reason line <paramref name="index"/>, the last that fits, ending in "…" to say that more was cut (cached).</summary>
        public string CutReasonLine(int index, TextRasterizer font, int width)
        {
            if (index != _cutIndex)
            {
                string line = Reason[index];
                while (line.Length > 0 && font.MeasureWidth(line + "…") > width)
                {
                    line = line[..^1];
                }

                _cut = line.TrimEnd() + "…";
                _cutIndex = index;
            }

            return _cut;
        }

        private static void Wrap(string text, TextRasterizer font, int width, List<string> lines)
        {
            lines.Clear();
            foreach (string paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var words = paragraph.Split(' ');
                string line = "";
                foreach (string word in words)
                {
                    string candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && font.MeasureWidth(candidate) > width)
                    {
                        lines.Add(line);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }

                    // A single word wider than the box (a long path) is broken by characters.
                    while (font.MeasureWidth(line) > width && line.Length > 1)
                    {
                        int keep = line.Length - 1;
                        while (keep > 1 && font.MeasureWidth(line[..keep]) > width)
                        {
                            keep--;
                        }

                        lines.Add(line[..keep]);
                        line = line[keep..];
                    }
                }

                lines.Add(line);
            }
        }
    }

    private void DisposeFonts()
    {
        _large?.Dispose();
        _medium?.Dispose();
        _small?.Dispose();
        _large = _medium = _small = null;
    }

    /// <summary>Releases the fonts. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DisposeFonts();
    }
}
