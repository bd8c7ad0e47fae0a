using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling.Gpu.Cuda;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>Decides how the network's tensors meet the shaders' buffers for a given execution provider.</summary>
public static class TensorResidencyPolicy
{
    /// <summary>
    /// CPU provider: <see cref="TensorResidency.HostMappedZeroCopy"/>, nothing probed. CUDA provider: probes the
    /// external-memory seam; the sampler does not bind CUDA device pointers yet, so it is
    /// <see cref="TensorResidency.StagedCopies"/> either way, with one log line that says why.
    /// </summary>
    /// <param name="provider">The provider the ORT session runs on.</param>
    /// <param name="probe">Probes the seam (normally <see cref="CudaInteropSeam.Probe(SccDm.Realtime.Gpu.GpuDevice, int)"/>); called only for CUDA.</param>
    /// <param name="log">Receives the one line; null to stay silent.</param>
    public static TensorResidency Choose(ExecutionProviderKind provider, Func<CudaInteropStatus> probe, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (provider != ExecutionProviderKind.Cuda)
        {
            return TensorResidency.HostMappedZeroCopy;
        }
        CudaInteropStatus status = probe();
        log?.Invoke(status.Available
            ? $"CUDA external memory available ({status.Reason}) but the sampler does not bind CUDA device pointers yet — using staged copies"
            : $"CUDA external memory unavailable ({status.Reason}) — using staged copies");
        return TensorResidency.StagedCopies;
    }
}
