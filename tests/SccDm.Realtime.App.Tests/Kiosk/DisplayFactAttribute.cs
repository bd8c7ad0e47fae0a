namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>A fact that needs an X display; skipped (saying how to run it) when DISPLAY is not set. CI runs under xvfb-run.</summary>
public sealed class DisplayFactAttribute : FactAttribute
{
    /// <summary>Skips when DISPLAY is absent.</summary>
    public DisplayFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            Skip = "needs an X display: run the tests under xvfb-run -a -s \"-screen 0 1280x800x24\"";
        }
    }
}
