namespace SccDm.Realtime.App.Kiosk;

/// <summary>An axis-aligned rectangle in window pixels.</summary>
internal readonly record struct PixelRect(int X, int Y, int W, int H)
{
    /// <summary>One past the right edge.</summary>
    public int Right => X + W;

    /// <summary>One past the bottom edge.</summary>
    public int Bottom => Y + H;

    /// <summary>True for a rectangle with no area.</summary>
    public bool IsEmpty => W <= 0 || H <= 0;

    /// <summary>Centre x.</summary>
    public int CenterX => X + (W / 2);

    /// <summary>Centre y.</summary>
    public int CenterY => Y + (H / 2);

    /// <summary>True when (x, y) lies inside.</summary>
    public bool Contains(double x, double y) => x >= X && y >= Y && x < Right && y < Bottom;

    /// <summary>This rectangle shrunk by <paramref name="inset"/> on every side.</summary>
    public PixelRect Inset(int inset) => new(X + inset, Y + inset, Math.Max(0, W - (2 * inset)), Math.Max(0, H - (2 * inset)));

    /// <summary>The largest rectangle of aspect <paramref name="sourceWidth"/>:<paramref name="sourceHeight"/> centred in this one.</summary>
    public PixelRect Fit(int sourceWidth, int sourceHeight)
    {
        if (IsEmpty || sourceWidth <= 0 || sourceHeight <= 0)
        {
            return new PixelRect(X, Y, 0, 0);
        }

        double scale = Math.Min((double)W / sourceWidth, (double)H / sourceHeight);
        int w = Math.Max(1, (int)Math.Round(sourceWidth * scale));
        int h = Math.Max(1, (int)Math.Round(sourceHeight * scale));
        return new PixelRect(X + ((W - w) / 2), Y + ((H - h) / 2), w, h);
    }
}
