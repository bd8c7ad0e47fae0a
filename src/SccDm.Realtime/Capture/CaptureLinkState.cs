namespace SccDm.Realtime.Capture;

/// <summary>A snapshot of a <see cref="ReconnectingFrameSource"/>'s link, safe to read from any thread.</summary>
/// <param name="Status">Live, reconnecting or stopped.</param>
/// <param name="Attempt">While reconnecting, the number of the next reopen attempt (1 for the first); 0 when live.</param>
/// <param name="LastError">The message of the failure that caused the reconnect, or null.</param>
/// <param name="NextDelay">While reconnecting, the wait before the next attempt.</param>
public sealed record CaptureLinkState(CaptureLinkStatus Status, int Attempt, string? LastError, TimeSpan NextDelay)
{
    /// <summary>The state of a source that is delivering frames.</summary>
    public static CaptureLinkState Live { get; } = new(CaptureLinkStatus.Live, 0, null, TimeSpan.Zero);

    /// <summary>A one-line description for a status display.</summary>
    public string Describe() => Status switch
    {
        CaptureLinkStatus.Live => "camera live",
        CaptureLinkStatus.Reconnecting => FormattableString.Invariant($"camera lost — retrying (attempt {Attempt}, in {NextDelay.TotalSeconds:0.#} s): {LastError}"),
        _ => "camera stopped",
    };
}
