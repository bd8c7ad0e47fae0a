using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Settings the display thread changes (keys) and the worker threads read. Each is one reference or one flag,
/// replaced whole, so a reader never sees half an update.
/// </summary>
internal sealed class KioskControls
{
    private SamplerOptions _sampler;
    private volatile bool _frozen;
    private volatile bool _recording;

    /// <summary>Starts with <paramref name="sampler"/>.</summary>
    public KioskControls(SamplerOptions sampler)
    {
        _sampler = sampler;
    }

    /// <summary>The sampler settings for the next synthesis (replaced, never mutated).</summary>
    public SamplerOptions Sampler
    {
        get => Volatile.Read(ref _sampler);
        set => Volatile.Write(ref _sampler, value);
    }

    /// <summary>Space: the display holds its picture and synthesis pauses.</summary>
    public bool Frozen
    {
        get => _frozen;
        set => _frozen = value;
    }

    /// <summary>R: recording wanted. The display thread's <see cref="KioskRecorder"/> starts or stops to match, and clears it when a recording fails.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }
}
