namespace SccDm.Realtime.Capture;

/// <summary>The backoff of a <see cref="ReconnectingFrameSource"/>: <see cref="InitialDelay"/>, doubling up to <see cref="MaxDelay"/>.</summary>
public sealed record ReconnectOptions
{
    /// <summary>The wait before the first reopen attempt.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The wait before reopen attempt <paramref name="attempt"/> (1-based): min(Initial·2^(attempt−1), Max).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        double ticks = InitialDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
