namespace SccDm.Realtime.Tests.Glfw;

/// <summary>
/// A fact that needs an X display. Without DISPLAY it is skipped with a reason that says how to run it; CI always runs
/// the tests under xvfb-run, so there it always runs.
/// </summary>
public sealed class DisplayFactAttribute : FactAttribute
{
    /// <summary>How to give the tests a display.</summary>
    public const string HowToRun =
        "needs an X display: DISPLAY is not set. Run the tests under xvfb-run -a -s \"-screen 0 1280x800x24\" dotnet test tests/SccDm.Realtime.Tests -c Release";

    /// <summary>Skips when DISPLAY is absent.</summary>
    public DisplayFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            Skip = HowToRun;
        }
    }
}
