namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Where everything goes in a window of a given size: a title bar, two panels side by side (camera left, X-ray
/// right) with a caption strip each, and under them the engineering HUD (left) and the clinical readout (right).
/// Everything scales with the window height so the kiosk reads the same at 720p and in full screen.
/// </summary>
internal sealed record KioskLayout
{
    private KioskLayout(int width, int height)
    {
        Width = width;
        Height = height;
        Margin = Math.Max(6, height / 60);
        SmallPx = Math.Clamp(height / 50, 9, 28);
        MediumPx = Math.Clamp(height / 34, 11, 40);
        LargePx = Math.Clamp(height / 24, 14, 56);
        int title = Math.Max(MediumPx + (2 * Margin), height / 14);
        Title = new PixelRect(0, 0, width, title);
        int bottom = Math.Max((SmallPx * 7) + Margin, (int)(height * 0.22));
        int panelTop = title;
        int panelHeight = Math.Max(1, height - title - bottom - Margin);
        int panelWidth = Math.Max(1, (width - (3 * Margin)) / 2);
        CameraPanel = new PixelRect(Margin, panelTop, panelWidth, panelHeight);
        XrayPanel = new PixelRect((2 * Margin) + panelWidth, panelTop, width - (3 * Margin) - panelWidth, panelHeight);
        CaptionHeight = SmallPx + Margin;
        CameraImageArea = new PixelRect(CameraPanel.X, CameraPanel.Y + CaptionHeight, CameraPanel.W, Math.Max(1, CameraPanel.H - CaptionHeight));
        XrayImageArea = new PixelRect(XrayPanel.X, XrayPanel.Y + CaptionHeight, XrayPanel.W, Math.Max(1, XrayPanel.H - CaptionHeight));
        int belowTop = panelTop + panelHeight + Margin;
        HudArea = new PixelRect(CameraPanel.X, belowTop, CameraPanel.W, Math.Max(1, height - belowTop - Margin));
        ReadoutArea = new PixelRect(XrayPanel.X, belowTop, XrayPanel.W, Math.Max(1, height - belowTop - Margin));
    }

    /// <summary>Window width in pixels.</summary>
    public int Width { get; }

    /// <summary>Window height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gap between areas.</summary>
    public int Margin { get; }

    /// <summary>HUD and caption font size.</summary>
    public int SmallPx { get; }

    /// <summary>Readout and title font size.</summary>
    public int MediumPx { get; }

    /// <summary>Message font size.</summary>
    public int LargePx { get; }

    /// <summary>The title bar.</summary>
    public PixelRect Title { get; }

    /// <summary>Height of the caption strip at the top of each panel.</summary>
    public int CaptionHeight { get; }

    /// <summary>The camera panel (caption included).</summary>
    public PixelRect CameraPanel { get; }

    /// <summary>The X-ray panel (caption included).</summary>
    public PixelRect XrayPanel { get; }

    /// <summary>Where the camera image is fitted.</summary>
    public PixelRect CameraImageArea { get; }

    /// <summary>Where the X-ray image is fitted.</summary>
    public PixelRect XrayImageArea { get; }

    /// <summary>The engineering HUD, under the camera panel.</summary>
    public PixelRect HudArea { get; }

    /// <summary>The clinical readout, under the X-ray panel.</summary>
    public PixelRect ReadoutArea { get; }

    /// <summary>The layout of a <paramref name="width"/>×<paramref name="height"/> window.</summary>
    public static KioskLayout For(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new KioskLayout(width, height);
    }
}
