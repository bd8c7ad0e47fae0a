namespace SccDm.Realtime.Capture;

/// <summary>Whether a <see cref="ReconnectingFrameSource"/> is delivering frames.</summary>
public enum CaptureLinkStatus
{
    /// <summary>The source is open and delivering frames (or about to deliver the first).</summary>
    Live,

    /// <summary>The source died and is being reopened with backoff; the kiosk shows "camera lost — retrying".</summary>
    Reconnecting,

    /// <summary>The source was disposed or its reading cancelled.</summary>
    Stopped,
}
