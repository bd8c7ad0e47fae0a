using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>
/// CUDA first when asked for (or when <see cref="ExecutionProviderRequest.Auto"/> finds it in the loaded ORT), CPU
/// otherwise, always with a human reason. A failed CUDA request never stops the app: it falls back to CPU and says why.
/// </summary>
public static class ExecutionProviderPolicy
{
    private const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>Appends the chosen provider to <paramref name="options"/> and returns the choice with its reason.</summary>
    public static ExecutionProviderChoice Apply(SessionOptions options, ExecutionProviderRequest request, int cudaDeviceId = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (request)
        {
            case ExecutionProviderRequest.Cpu:
                return new ExecutionProviderChoice(ExecutionProviderKind.Cpu, "CPU requested");

            case ExecutionProviderRequest.Cuda:
                return options.TryAppendExecutionProvider_CUDA(cudaDeviceId, out string? error)
                    ? new ExecutionProviderChoice(ExecutionProviderKind.Cuda, $"CUDA requested: running on GPU {cudaDeviceId}")
                    : new ExecutionProviderChoice(ExecutionProviderKind.Cpu,
                        $"CUDA requested but unavailable: {error} — falling back to CPU. {CudaHint}") { IsFallback = true };

            case ExecutionProviderRequest.Auto:
                if (!OrtEnv.Instance.GetAvailableProviders().Contains(CudaProviderName))
                {
                    return new ExecutionProviderChoice(ExecutionProviderKind.Cpu,
                        $"auto: ONNX Runtime {OrtLibrary.Version} at {OrtLibrary.LoadedFrom} has no CUDA execution provider — using CPU");
                }
                return options.TryAppendExecutionProvider_CUDA(cudaDeviceId, out string? autoError)
                    ? new ExecutionProviderChoice(ExecutionProviderKind.Cuda, $"auto: CUDA available, running on GPU {cudaDeviceId}")
                    : new ExecutionProviderChoice(ExecutionProviderKind.Cpu, $"auto: CUDA unavailable ({autoError}) — using CPU");

            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "unknown execution provider request");
        }
    }

    /// <summary>What a user can do when CUDA does not load.</summary>
    public const string CudaHint =
        "For CUDA, point SCCDM_ORT_PATH at an ONNX Runtime 1.30 folder that also holds libonnxruntime_providers_cuda.so and libonnxruntime_providers_shared.so, on a machine with the CUDA 12 runtime and cuDNN 9.";
}
