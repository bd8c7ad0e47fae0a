using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// <c>OrtCUDAProviderOptions</c> as ORT 1.30 declares it (the 1.13 fields plus the three tunable-op ints appended later).
/// </summary>
/// <remarks>
/// Offsets (x86-64, checked with gcc against the same declaration): device_id 0, cudnn_conv_algo_search 4,
/// gpu_mem_limit 8, arena_extend_strategy 16, do_copy_in_default_stream 20, has_user_compute_stream 24,
/// user_compute_stream 32, default_memory_arena_cfg 40, tunable_op_enable 48, tunable_op_tuning_enable 52,
/// tunable_op_max_tuning_duration_ms 56; sizeof 64.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct OrtCudaProviderOptions
{
    public int DeviceId;
    public int CudnnConvAlgoSearch;
    public nuint GpuMemLimit;
    public int ArenaExtendStrategy;
    public int DoCopyInDefaultStream;
    public int HasUserComputeStream;
    public nint UserComputeStream;
    public nint DefaultMemoryArenaCfg;
    public int TunableOpEnable;
    public int TunableOpTuningEnable;
    public int TunableOpMaxTuningDurationMs;

    /// <summary>The C++ constructor's defaults: exhaustive cuDNN search, no memory limit, copies on the compute stream.</summary>
    public static OrtCudaProviderOptions Defaults(int deviceId) => new()
    {
        DeviceId = deviceId,
        CudnnConvAlgoSearch = 0,
        GpuMemLimit = nuint.MaxValue,
        DoCopyInDefaultStream = 1,
    };
}
