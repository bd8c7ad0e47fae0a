namespace SccDm.Realtime.Recording;

/// <summary>How a <see cref="RecordingSession"/> records.</summary>
public sealed record RecordingOptions
{
    /// <summary>The folder that receives the session folder (created 0700 if missing).</summary>
    public required string Folder { get; init; }

    /// <summary>Width of the view video (frames of another size are scaled to fit).</summary>
    public required int ViewWidth { get; init; }

    /// <summary>Height of the view video.</summary>
    public required int ViewHeight { get; init; }

    /// <summary>The most view frames recorded per second (more are skipped, not counted as dropped); the nominal rate when not <see cref="RealTime"/>.</summary>
    public double ViewFps { get; init; } = 30;

    /// <summary>Width of the camera frames.</summary>
    public required int CameraWidth { get; init; }

    /// <summary>Height of the camera frames.</summary>
    public required int CameraHeight { get; init; }

    /// <summary>The camera's nominal frame rate (the rate camera.mkv plays at).</summary>
    public double CameraFps { get; init; } = 30;

    /// <summary>
    /// True (a live kiosk): a frame that finds the queue full is dropped and counted, and the view is stamped with
    /// wall-clock time. False (headless, offline): producers wait for the encoder, nothing is dropped, and the view
    /// plays at <see cref="ViewFps"/>.
    /// </summary>
    public bool RealTime { get; init; } = true;

    /// <summary>Frames each encoder may have waiting before new ones are dropped.</summary>
    public int QueueCapacity { get; init; } = 4;

    /// <summary>What the session was made with.</summary>
    public required RecordingMetadata Metadata { get; init; }
}
