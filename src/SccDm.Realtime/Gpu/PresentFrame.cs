namespace SccDm.Realtime.Gpu;

/// <summary>
/// The frame <see cref="SurfacePresenter.TryBeginFrame"/> handed out: compose <see cref="Width"/>×<see cref="Height"/>
/// RGBA8 pixels (rows top to bottom, no padding) into <see cref="Pixels"/>, then call
/// <see cref="SurfacePresenter.EndFrame"/>. The buffer belongs to this frame-in-flight slot; the GPU is done with it.
/// </summary>
/// <param name="Pixels">Host-visible buffer of Width × Height × 4 bytes.</param>
/// <param name="Width">Swapchain width in pixels.</param>
/// <param name="Height">Swapchain height in pixels.</param>
/// <param name="Slot">Frame-in-flight slot (0 or 1).</param>
/// <param name="ImageIndex">The acquired swapchain image.</param>
/// <param name="Bgra">
/// True when the buffer must hold B, G, R, A bytes by <see cref="SurfacePresenter.EndFrame"/> (the copy path into a
/// BGRA swapchain): compose RGBA, then swap red and blue (<see cref="SwapRedBlue"/>).
/// </param>
public readonly record struct PresentFrame(GpuBuffer Pixels, int Width, int Height, int Slot, uint ImageIndex, bool Bgra)
{
    /// <summary>The pixel bytes to compose into.</summary>
    public Span<byte> PixelSpan => Pixels.AsSpan<byte>()[..(Width * Height * 4)];

    /// <summary>Swaps the first and third byte of every pixel of <paramref name="pixels"/> in place (RGBA ↔ BGRA).</summary>
    public static void SwapRedBlue(Span<byte> pixels)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(pixels);
        for (int i = 0; i < words.Length; i++)
        {
            uint p = words[i];
            words[i] = (p & 0xFF00FF00u) | ((p & 0xFFu) << 16) | ((p >> 16) & 0xFFu);
        }
    }
}
