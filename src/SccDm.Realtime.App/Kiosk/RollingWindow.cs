using System.Diagnostics;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The last samples of one quantity (a stage's milliseconds, an event stream's timestamps) for the HUD: median and
/// rate over the last second. One writer thread and any readers, under a lock; nothing is allocated after
/// construction.
/// </summary>
internal sealed class RollingWindow
{
    private readonly Lock _lock = new();
    private readonly double[] _values;
    private readonly long[] _stamps;
    private readonly double[] _scratch;
    private long _count;

    /// <summary>Keeps the last <paramref name="capacity"/> samples.</summary>
    public RollingWindow(int capacity = 256)
    {
        _values = new double[capacity];
        _stamps = new long[capacity];
        _scratch = new double[capacity];
    }

    /// <summary>Samples ever added.</summary>
    public long Count
    {
        get { lock (_lock) { return _count; } }
    }

    /// <summary>Adds a sample taken at <paramref name="timestamp"/> (Stopwatch ticks).</summary>
    public void Add(double value, long timestamp)
    {
        lock (_lock)
        {
            int i = (int)(_count % _values.Length);
            _values[i] = value;
            _stamps[i] = timestamp;
            _count++;
        }
    }

    /// <summary>Median of the samples taken in the <paramref name="seconds"/> before <paramref name="now"/>; NaN when none.</summary>
    public double Median(long now, double seconds = 1)
    {
        lock (_lock)
        {
            int n = Recent(now, seconds, _scratch);
            if (n == 0)
            {
                return double.NaN;
            }

            var span = _scratch.AsSpan(0, n);
            span.Sort();
            return (n & 1) == 1 ? span[n / 2] : (span[(n / 2) - 1] + span[n / 2]) / 2;
        }
    }

    /// <summary>Mean of the samples taken in the <paramref name="seconds"/> before <paramref name="now"/>; NaN when none.</summary>
    public double Mean(long now, double seconds = 1)
    {
        lock (_lock)
        {
            int n = Recent(now, seconds, _scratch);
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += _scratch[i];
            }

            return n == 0 ? double.NaN : sum / n;
        }
    }

    /// <summary>Samples per second over the <paramref name="seconds"/> before <paramref name="now"/> (from the first to the last in that span).</summary>
    public double Rate(long now, double seconds = 1)
    {
        lock (_lock)
        {
            long cutoff = now - (long)(seconds * Stopwatch.Frequency);
            long kept = Math.Min(_count, _values.Length);
            int n = 0;
            long first = long.MaxValue, last = long.MinValue;
            for (long k = 0; k < kept; k++)
            {
                long stamp = _stamps[(int)((_count - 1 - k) % _values.Length)];
                if (stamp < cutoff || stamp > now)
                {
                    continue;
                }

                n++;
                first = Math.Min(first, stamp);
                last = Math.Max(last, stamp);
            }

            // n events span n − 1 intervals; with fewer than two there is no rate yet.
            return n >= 2 && last > first ? (n - 1) * (double)Stopwatch.Frequency / (last - first) : 0;
        }
    }

    /// <summary>Copies the last <paramref name="destination"/>.Length values, oldest first; returns how many were written.</summary>
    public int CopyLast(Span<double> destination)
    {
        lock (_lock)
        {
            int n = (int)Math.Min(Math.Min(_count, _values.Length), destination.Length);
            for (int k = 0; k < n; k++)
            {
                destination[k] = _values[(int)((_count - n + k) % _values.Length)];
            }

            return n;
        }
    }

    private int Recent(long now, double seconds, double[] into)
    {
        long cutoff = now - (long)(seconds * Stopwatch.Frequency);
        long kept = Math.Min(_count, _values.Length);
        int n = 0;
        for (long k = 0; k < kept; k++)
        {
            int i = (int)((_count - 1 - k) % _values.Length);
            if (_stamps[i] >= cutoff && _stamps[i] <= now)
            {
                into[n++] = _values[i];
            }
        }

        return n;
    }
}
