using SccDm.Realtime.Gpu;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Tests.Gpu;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>
/// A validated device with the sampler kernels and a recorder, plus helpers to upload arrays and read results.
/// Dispose, then call <see cref="AssertClean"/>: leaks are reported when the device is destroyed.
/// </summary>
internal sealed class KernelHarness : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public KernelHarness()
    {
        Device = ValidatedDevice.Create();
        Kernels = SamplerKernels.Create(Device);
        Recorder = CommandRecorder.Create(Device);
    }

    public GpuDevice Device { get; }

    public SamplerKernels Kernels { get; }

    public CommandRecorder Recorder { get; }

    public GpuBuffer Upload(ReadOnlySpan<float> values)
    {
        var buffer = Own(GpuBuffer.Create<float>(Device, values.Length));
        values.CopyTo(buffer.AsSpan<float>());
        return buffer;
    }

    /// <summary>An output buffer pre-filled with NaN, so an unwritten element fails the comparison.</summary>
    public GpuBuffer Output(int count)
    {
        var buffer = Own(GpuBuffer.Create<float>(Device, count));
        buffer.AsSpan<float>().Fill(float.NaN);
        return buffer;
    }

    public T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Records <paramref name="record"/>, a barrier to the host on <paramref name="outputs"/>, submits and waits.</summary>
    public void Run(Action<CommandRecorder> record, params GpuBuffer[] outputs)
    {
        Recorder.Begin();
        record(Recorder);
        foreach (var o in outputs)
        {
            Recorder.ComputeToHost(o);
        }
        Recorder.SubmitAndWait();
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        Recorder.Dispose();
        Kernels.Dispose();
        Device.Dispose();
    }

    public void AssertClean() => ValidatedDevice.AssertNoValidationMessages(Device);

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = 0;
        int worst = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float d = MathF.Abs(expected[i] - actual[i]);
            if (float.IsNaN(d) || d > max)
            {
                max = float.IsNaN(d) ? float.NaN : d;
                worst = i;
                if (float.IsNaN(d))
                {
                    break;
                }
            }
        }
        Assert.True(max <= tolerance,
            $"{context}: max |gpu − reference| = {max} at {worst} (gpu {(worst >= 0 ? actual[worst] : 0)}, reference {(worst >= 0 ? expected[worst] : 0)}), tolerance {tolerance}");
    }
}
