using System.Diagnostics;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The last second of angle readings (only from results at or above the clinical KCC bar), reduced to a stable
/// reading: the median, which ignores a single bad frame, and the spread, which tells the reader how steady it is.
/// Display thread only; allocates nothing.
/// </summary>
internal sealed class MeasurementWindow
{
    private readonly long[] _stamps;
    private readonly double[] _hva;
    private readonly double[] _ima;
    private readonly double[] _scratch;
    private readonly double _seconds;
    private int _count;
    private int _next;

    /// <summary>Keeps up to <paramref name="capacity"/> readings from the last <paramref name="seconds"/>.</summary>
    public MeasurementWindow(double seconds = 1, int capacity = 256)
    {
        _seconds = seconds;
        _stamps = new long[capacity];
        _hva = new double[capacity];
        _ima = new double[capacity];
        _scratch = new double[capacity];
    }

    /// <summary>Adds a reading made at <paramref name="timestamp"/> (Stopwatch ticks).</summary>
    public void Add(long timestamp, double hva, double ima)
    {
        if (!double.IsFinite(hva) || !double.IsFinite(ima))
        {
            return;
        }

        _stamps[_next] = timestamp;
        _hva[_next] = hva;
        _ima[_next] = ima;
        _next = (_next + 1) % _stamps.Length;
        _count = Math.Min(_count + 1, _stamps.Length);
    }

    /// <summary>Forgets every reading.</summary>
    public void Clear()
    {
        _count = 0;
        _next = 0;
    }

    /// <summary>The stable reading over the window ending at <paramref name="now"/>; false when it holds no reading.</summary>
    public bool TryGetStable(long now, out StableReading reading)
    {
        long cutoff = now - (long)(_seconds * Stopwatch.Frequency);
        double hvaMedian = Reduce(_hva, cutoff, now, out double hvaSpread, out int n);
        double imaMedian = Reduce(_ima, cutoff, now, out double imaSpread, out _);
        reading = new StableReading(hvaMedian, hvaSpread, imaMedian, imaSpread, n);
        return n > 0;
    }

    private double Reduce(double[] values, long cutoff, long now, out double spread, out int n)
    {
        n = 0;
        for (int k = 0; k < _count; k++)
        {
            if (_stamps[k] >= cutoff && _stamps[k] <= now)
            {
                _scratch[n++] = values[k];
            }
        }

        if (n == 0)
        {
            spread = double.NaN;
            return double.NaN;
        }

        var span = _scratch.AsSpan(0, n);
        span.Sort();
        spread = (span[n - 1] - span[0]) / 2;
        return (n & 1) == 1 ? span[n / 2] : (span[(n / 2) - 1] + span[n / 2]) / 2;
    }
}
