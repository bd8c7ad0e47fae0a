using System.Diagnostics;
using System.Globalization;

// Not "SccDm.Realtime.App.Console": that namespace would shadow System.Console for every file under SccDm.Realtime.App.
namespace SccDm.Realtime.App.Terminal;

/// <summary>
/// A progress bar on stderr: count, rate and ETA, redrawn in place on a terminal; plain lines (about every
/// 10%, and at least once a minute while items finish) when stderr is redirected, so logs stay readable. Slow items
/// show seconds per item rather than a rate that rounds to 0.0/s; the ETA is "?" until an item has finished.
/// Safe to call from worker threads.
/// </summary>
internal sealed class ProgressBar
{
    private readonly TextWriter _writer;
    private readonly int _total;
    private readonly string _label;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _lastDrawTicks = long.MinValue;
    private int _lastPlainDecile = -1;
    private double _lastPlainSeconds;

    public ProgressBar(TextWriter writer, int total, string label, bool interactive)
    {
        _writer = writer;
        _total = total;
        _label = label;
        _interactive = interactive;
    }

    /// <summary>Elapsed time since the bar was created.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Reports that <paramref name="done"/> items are finished.</summary>
    public void Report(int done)
    {
        lock (_lock)
        {
            double seconds = _clock.Elapsed.TotalSeconds;
            if (_interactive)
            {
                long now = _clock.ElapsedTicks;
                if (done < _total && now - _lastDrawTicks < Stopwatch.Frequency / 10)
                {
                    return;
                }

                _lastDrawTicks = now;
                _writer.Write("\r" + Line(done, seconds, barWidth: 30));
                if (done >= _total)
                {
                    _writer.WriteLine();
                }
            }
            else
            {
                int decile = done * 10 / _total;
                if (decile > _lastPlainDecile || seconds - _lastPlainSeconds >= 60)
                {
                    _lastPlainDecile = decile;
                    _lastPlainSeconds = seconds;
                    _writer.WriteLine(Line(done, seconds, barWidth: 0));
                }
            }
        }
    }

    // One status line for done items after seconds; internal for tests.
    internal string Line(int done, double seconds, int barWidth)
    {
        double rate = seconds > 0 ? done / seconds : 0;
        string speed = rate >= 1 || rate == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{rate:F1}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{1 / rate:F1} s each");
        string eta = done >= _total ? "0s" : rate > 0 ? Duration((_total - done) / rate) : "?";
        string bar = string.Empty;
        if (barWidth > 0)
        {
            int filled = (int)((long)barWidth * done / _total);
            bar = "[" + new string('#', filled) + new string('.', barWidth - filled) + "] ";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{_label} {bar}{done}/{_total}  {speed}  ETA {eta}   ");
    }

    // 42s, 3m05s, 1h02m.
    internal static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
            : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s"
            : $"{t.Seconds}s";
    }
}
