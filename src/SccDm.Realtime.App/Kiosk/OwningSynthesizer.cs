using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// A synthesizer with what it was built on (models, its Vulkan device), disposed together in reverse order of
/// creation. Keeps the device's validation messages after disposal, when leaks are reported.
/// </summary>
internal sealed class OwningSynthesizer(IFrameSynthesizer inner, GpuDevice? device, params IDisposable?[] owned) : IFrameSynthesizer
{
    private int _disposed;

    /// <inheritdoc />
    public SynthesisInfo Info => inner.Info;

    /// <summary>Validation messages of the synthesizer's Vulkan device (complete after <see cref="Dispose"/>).</summary>
    public IReadOnlyList<string> ValidationMessages => device?.ValidationMessages ?? [];

    /// <summary>Vulkan objects of the synthesizer's device still alive (0 after <see cref="Dispose"/> unless something leaked).</summary>
    public long LiveVulkanObjects => device?.LiveObjectCount ?? 0;

    /// <inheritdoc />
    public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result) => inner.Synthesize(frame, options, result);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        inner.Dispose();
        device?.Dispose();
        for (int i = owned.Length - 1; i >= 0; i--)
        {
            owned[i]?.Dispose();
        }
    }
}
