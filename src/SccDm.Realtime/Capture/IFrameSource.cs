namespace SccDm.Realtime.Capture;

/// <summary>
/// A stream of camera frames: a device, a file, a network stream, a folder of images or the synthetic phantom camera.
/// A source is read from one thread at a time.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Size, rate and name of the stream.</summary>
    FrameSourceInfo Info { get; }

    /// <summary>
    /// Fills <paramref name="frame"/> (sized as <see cref="Info"/>) with the next frame, stamping
    /// <see cref="CameraFrame.Sequence"/>, <see cref="CameraFrame.CaptureTimestamp"/> and
    /// <see cref="CameraFrame.StreamTime"/>. Live sources block until a frame arrives; a paced
    /// source waits for its next frame time unless it was created unpaced.
    /// </summary>
    /// <returns><c>false</c> at the end of a finite stream.</returns>
    bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default);
}
