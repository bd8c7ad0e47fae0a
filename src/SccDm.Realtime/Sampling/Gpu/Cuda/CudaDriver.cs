using System.Runtime.InteropServices;

namespace SccDm.Realtime.Sampling.Gpu.Cuda;

/// <summary>
/// The few CUDA driver API entry points the external-memory seam needs, resolved from libcuda.so.1 with dlopen
/// (NativeLibrary) so the app runs where no NVIDIA driver is installed. Signatures from cuda.h (CUDA 12):
/// cuInit, cuDeviceGet, cuDevicePrimaryCtxRetain/Release_v2, cuCtxSetCurrent, cuImportExternalMemory,
/// cuExternalMemoryGetMappedBuffer, cuDestroyExternalMemory, cuMemFree_v2. CUresult 0 is CUDA_SUCCESS.
/// </summary>
internal sealed unsafe class CudaDriver : IDisposable
{
    /// <summary>The driver library's soname (NVIDIA driver package).</summary>
    public const string LibraryName = "libcuda.so.1";

    private const int HandleTypeOpaqueFd = 1;  // CU_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD
    private const uint DedicatedFlag = 1;        // CUDA_EXTERNAL_MEMORY_DEDICATED

    private readonly nint _library;
    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int, int> _deviceGet;
    private readonly delegate* unmanaged<nint*, int, int> _primaryCtxRetain;
    private readonly delegate* unmanaged<int, int> _primaryCtxRelease;
    private readonly delegate* unmanaged<nint, int> _ctxSetCurrent;
    private readonly delegate* unmanaged<nint*, ExternalMemoryHandleDesc*, int> _importExternalMemory;
    private readonly delegate* unmanaged<ulong*, nint, ExternalMemoryBufferDesc*, int> _getMappedBuffer;
    private readonly delegate* unmanaged<nint, int> _destroyExternalMemory;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private int _device = -1;
    private int _disposed;

    private CudaDriver(nint library)
    {
        _library = library;
        _init = (delegate* unmanaged<uint, int>)Export("cuInit");
        _deviceGet = (delegate* unmanaged<int*, int, int>)Export("cuDeviceGet");
        _primaryCtxRetain = (delegate* unmanaged<nint*, int, int>)Export("cuDevicePrimaryCtxRetain");
        _primaryCtxRelease = (delegate* unmanaged<int, int>)Export("cuDevicePrimaryCtxRelease_v2");
        _ctxSetCurrent = (delegate* unmanaged<nint, int>)Export("cuCtxSetCurrent");
        _importExternalMemory = (delegate* unmanaged<nint*, ExternalMemoryHandleDesc*, int>)Export("cuImportExternalMemory");
        _getMappedBuffer = (delegate* unmanaged<ulong*, nint, ExternalMemoryBufferDesc*, int>)Export("cuExternalMemoryGetMappedBuffer");
        _destroyExternalMemory = (delegate* unmanaged<nint, int>)Export("cuDestroyExternalMemory");
        _memFree = (delegate* unmanaged<ulong, int>)Export("cuMemFree_v2");
    }

    /// <summary>Loads the driver and initialises CUDA on device <paramref name="ordinal"/>; null with a reason when it cannot.</summary>
    public static CudaDriver? TryOpen(int ordinal, out string reason)
    {
        if (!NativeLibrary.TryLoad(LibraryName, out nint library))
        {
            reason = $"{LibraryName} not found (no NVIDIA driver)";
            return null;
        }
        CudaDriver? driver = null;
        try
        {
            driver = new CudaDriver(library);
            int result = driver._init(0);
            if (result != 0)
            {
                reason = $"cuInit failed (CUresult {result})";
                driver.Dispose();
                return null;
            }
            int device;
            result = driver._deviceGet(&device, ordinal);
            if (result != 0)
            {
                reason = $"cuDeviceGet({ordinal}) failed (CUresult {result})";
                driver.Dispose();
                return null;
            }
            nint context;
            result = driver._primaryCtxRetain(&context, device);
            if (result != 0)
            {
                reason = $"cuDevicePrimaryCtxRetain failed (CUresult {result})";
                driver.Dispose();
                return null;
            }
            driver._device = device;
            result = driver._ctxSetCurrent(context);
            if (result != 0)
            {
                reason = $"cuCtxSetCurrent failed (CUresult {result})";
                driver.Dispose();
                return null;
            }
            reason = "";
            return driver;
        }
        catch (EntryPointNotFoundException e)
        {
            driver?.Dispose();
            reason = $"{LibraryName} lacks {e.Message} (driver older than CUDA 10)";
            return null;
        }
    }

    /// <summary>
    /// Imports an OPAQUE_FD allocation (taking ownership of <paramref name="fd"/> on success) and maps
    /// <paramref name="size"/> bytes of it as a device pointer. Returns the CUresult (0 on success).
    /// </summary>
    public int ImportOpaqueFd(int fd, ulong size, out nint externalMemory, out ulong devicePointer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        externalMemory = 0;
        devicePointer = 0;
        var handle = new ExternalMemoryHandleDesc { Type = HandleTypeOpaqueFd, Fd = fd, Size = size, Flags = DedicatedFlag };
        nint memory;
        int result = _importExternalMemory(&memory, &handle);
        if (result != 0)
        {
            return result;
        }
        var buffer = new ExternalMemoryBufferDesc { Offset = 0, Size = size };
        ulong pointer;
        result = _getMappedBuffer(&pointer, memory, &buffer);
        if (result != 0)
        {
            _ = _destroyExternalMemory(memory);
            return result;
        }
        externalMemory = memory;
        devicePointer = pointer;
        return 0;
    }

    /// <summary>Frees a mapping made by <see cref="ImportOpaqueFd"/> and destroys the imported memory.</summary>
    public void Release(nint externalMemory, ulong devicePointer)
    {
        if (devicePointer != 0)
        {
            _ = _memFree(devicePointer);
        }
        if (externalMemory != 0)
        {
            _ = _destroyExternalMemory(externalMemory);
        }
    }

    /// <summary>Releases the primary context. The library stays loaded (drivers keep process state in it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_device >= 0)
        {
            _ = _primaryCtxRelease(_device);
        }
    }

    private nint Export(string name) => NativeLibrary.GetExport(_library, name);

    /// <summary>CUDA_EXTERNAL_MEMORY_HANDLE_DESC (104 bytes): type at 0, the handle union at 8, size at 24, flags at 32.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    private struct ExternalMemoryHandleDesc
    {
        [FieldOffset(0)] public int Type;
        [FieldOffset(8)] public int Fd;
        [FieldOffset(24)] public ulong Size;
        [FieldOffset(32)] public uint Flags;
    }

    /// <summary>CUDA_EXTERNAL_MEMORY_BUFFER_DESC (88 bytes): offset at 0, size at 8, flags at 16.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 88)]
    private struct ExternalMemoryBufferDesc
    {
        [FieldOffset(0)] public ulong Offset;
        [FieldOffset(8)] public ulong Size;
        [FieldOffset(16)] public uint Flags;
    }
}
