namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// A bilinear blit that remembers its result: the scaled image is kept in a private RGBA buffer of the target's size
/// and only rebuilt when the source (object and version) or the target changes; otherwise drawing it is a row copy.
/// The display redraws at up to 60 fps while the camera delivers 30 and synthesis a few: most frames reuse both
/// images, which leaves the CPU to the model. The pixels are exactly those of <see cref="ImageBlit.Bilinear"/>.
/// </summary>
internal sealed class CachedBlit
{
    private readonly ScaleTable _xs = new();
    private readonly ScaleTable _ys = new();
    private byte[] _pixels = [];
    private object? _source;
    private long _version;
    private int _sourceWidth;
    private int _sourceHeight;
    private PixelRect _target;

    /// <summary>Times the scaled image was rebuilt (tests: a new version rebuilds, an unchanged one does not).</summary>
    public long Rebuilds { get; private set; }

    /// <summary>
    /// Draws <paramref name="source"/> (identified by <paramref name="owner"/> and <paramref name="version"/>, which
    /// must change whenever its pixels do) scaled into <paramref name="target"/> of the RGBA frame.
    /// </summary>
    public void Draw(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int channels, object owner, long version, Span<byte> rgba, int width, int height, PixelRect target)
    {
        if (target.IsEmpty)
        {
            return;
        }

        if (!ReferenceEquals(owner, _source) || version != _version || sourceWidth != _sourceWidth || sourceHeight != _sourceHeight || target != _target)
        {
            int size = target.W * target.H * 4;
            if (_pixels.Length != size)
            {
                _pixels = new byte[size];
            }

            ImageBlit.Bilinear(source, sourceWidth, sourceHeight, channels, _pixels, target.W, target.H, new PixelRect(0, 0, target.W, target.H), _xs, _ys);
            _source = owner;
            _version = version;
            _sourceWidth = sourceWidth;
            _sourceHeight = sourceHeight;
            _target = target;
            Rebuilds++;
        }

        int x0 = Math.Max(0, target.X), x1 = Math.Min(width, target.Right);
        int y0 = Math.Max(0, target.Y), y1 = Math.Min(height, target.Bottom);
        if (x1 <= x0)
        {
            return;
        }

        int rowBytes = (x1 - x0) * 4;
        for (int y = y0; y < y1; y++)
        {
            int from = (((y - target.Y) * target.W) + (x0 - target.X)) * 4;
            _pixels.AsSpan(from, rowBytes).CopyTo(rgba.Slice(((y * width) + x0) * 4, rowBytes));
        }
    }
}
