namespace SccDm.Realtime.App.Doctor;

/// <summary>Outcome of one doctor check.</summary>
internal enum CheckStatus
{
    /// <summary>Present and working.</summary>
    Ok,
    /// <summary>Missing or degraded, but the demo still runs (e.g. no display: headless; no CUDA: CPU).</summary>
    Warn,
    /// <summary>The demo cannot run without it.</summary>
    Missing,
}
