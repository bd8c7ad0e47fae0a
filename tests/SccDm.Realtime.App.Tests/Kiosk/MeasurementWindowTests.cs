using System.Diagnostics;
using SccDm.Realtime.App.Kiosk;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class MeasurementWindowTests
{
    private static long Seconds(double s) => (long)(s * Stopwatch.Frequency);

    [Fact]
    public void Stable_reading_is_the_median_with_half_the_range_over_the_last_second()
    {
        var window = new MeasurementWindow();
        long t0 = Seconds(100);
        window.Add(t0 - Seconds(5), 90, 90); // older than a second: ignored
        window.Add(t0 - Seconds(0.8), 20, 10);
        window.Add(t0 - Seconds(0.5), 22, 11);
        window.Add(t0 - Seconds(0.2), 60, 12); // one outlier moves the median little
        Assert.True(window.TryGetStable(t0, out var r));
        Assert.Equal(3, r.Samples);
        Assert.Equal(22, r.Hva);
        Assert.Equal(20, r.HvaSpread);
        Assert.Equal(11, r.Ima);
        Assert.Equal(1, r.ImaSpread);
    }

    [Fact]
    public void Empty_or_stale_window_has_no_reading()
    {
        var window = new MeasurementWindow();
        Assert.False(window.TryGetStable(Seconds(10), out _));
        window.Add(Seconds(1), 20, 10);
        Assert.False(window.TryGetStable(Seconds(3), out _));
        window.Add(Seconds(2.9), double.NaN, 10);
        Assert.False(window.TryGetStable(Seconds(3), out _));
    }
}
