namespace SccDm.Realtime.Native.Onnx;

/// <summary>Describes where a tensor's memory lives. Only CPU memory is used here (including mapped Vulkan memory).</summary>
public sealed unsafe class OrtMemoryInfo : IDisposable
{
    private const int OrtDeviceAllocator = 0;
    private const int OrtMemTypeDefault = 0;
    private static readonly Lock _gate = new();
    private static volatile OrtMemoryInfo? _cpu;
    private readonly OrtSafeHandle _handle;
    private readonly bool _shared;

    private OrtMemoryInfo(nint handle, bool shared)
    {
        _handle = new OrtSafeHandle(handle, OrtLibrary.Api.ReleaseMemoryInfo);
        _shared = shared;
    }

    /// <summary>
    /// Host memory owned by the caller. Any CPU-addressable pointer qualifies, including a mapped host-visible Vulkan
    /// allocation. Shared; disposing it does nothing.
    /// </summary>
    public static OrtMemoryInfo Cpu
    {
        get
        {
            if (_cpu is { } existing)
            {
                return existing;
            }
            lock (_gate)
            {
                return _cpu ??= CreateCpu(shared: true);
            }
        }
    }

    /// <summary>Creates a separate CPU memory info that the caller disposes.</summary>
    public static OrtMemoryInfo CreateCpu() => CreateCpu(shared: false);

    private static OrtMemoryInfo CreateCpu(bool shared)
    {
        var api = OrtLibrary.Api;
        nint info;
        OrtStatus.Check(api, api.CreateCpuMemoryInfo(OrtDeviceAllocator, OrtMemTypeDefault, &info), "CreateCpuMemoryInfo");
        return new OrtMemoryInfo(info, shared);
    }

    internal nint Handle => _handle.Get(nameof(OrtMemoryInfo));

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_shared)
        {
            _handle.Dispose();
        }
    }
}
