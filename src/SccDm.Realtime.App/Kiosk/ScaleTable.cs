namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Precomputed bilinear taps along one axis (source index and 8-bit weight per destination pixel, pixel-centre
/// aligned, clamped at the edges). Rebuilt only when the sizes change, so per-frame blits allocate nothing.
/// </summary>
internal sealed class ScaleTable
{
    private int[] _index = [];
    private int[] _weight = [];
    private int _source;
    private int _destination;

    /// <summary>Source index of the first tap per destination pixel (the second is index + 1, clamped).</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, _destination);

    /// <summary>Weight of the second tap, 0–256.</summary>
    public ReadOnlySpan<int> Weight => _weight.AsSpan(0, _destination);

    /// <summary>Makes the table map <paramref name="source"/> pixels onto <paramref name="destination"/> pixels.</summary>
    public void Ensure(int source, int destination)
    {
        if (source == _source && destination == _destination)
        {
            return;
        }

        if (_index.Length < destination)
        {
            _index = new int[destination];
            _weight = new int[destination];
        }

        double scale = (double)source / destination;
        for (int d = 0; d < destination; d++)
        {
            double s = Math.Clamp(((d + 0.5) * scale) - 0.5, 0, source - 1);
            int i = Math.Min((int)s, Math.Max(0, source - 2));
            _index[d] = i;
            _weight[d] = source == 1 ? 0 : (int)Math.Round((s - i) * 256);
        }

        _source = source;
        _destination = destination;
    }
}
