namespace SccDm.Realtime.Gpu;

/// <summary>Options for <see cref="SurfacePresenter.Create"/>.</summary>
public sealed record SurfacePresenterOptions
{
    /// <summary>
    /// True: FIFO (wait for vertical blank, no tearing). False: MAILBOX when the surface offers it, else IMMEDIATE,
    /// else FIFO (the only mode every surface must support).
    /// </summary>
    public bool Vsync { get; init; } = true;

    /// <summary>Also give swapchain images TRANSFER_SRC usage (when the surface allows it) so frames can be read back for screenshots.</summary>
    public bool AllowReadback { get; init; } = true;

    /// <summary>
    /// Copy the composed buffer into the swapchain image (vkCmdCopyBufferToImage) when the surface allows TRANSFER_DST
    /// and the format is 8-bit RGBA/BGRA; otherwise, or when false, draw it with present_rgba.frag. On lavapipe at
    /// 1280×720 the copy took about half the time of the draw (the fragment shader's buffer reads cost ~7 ms).
    /// </summary>
    public bool PreferCopy { get; init; } = true;

    /// <summary>How long to wait for a frame's fence before deciding the device hung.</summary>
    public TimeSpan FenceTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
