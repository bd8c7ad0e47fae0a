using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// An ORT value: a tensor over caller-owned memory (zero copy), over a pinned managed array, or allocated by ORT as a
/// run's output.
/// </summary>
public sealed unsafe class OrtValue : IDisposable
{
    private readonly OrtSafeHandle _handle;
    private GCHandle _pin;

    private OrtValue(nint handle, GCHandle pin = default)
    {
        _handle = new OrtSafeHandle(handle, OrtLibrary.Api.ReleaseValue);
        _pin = pin;
    }

    internal nint Handle => _handle.Get(nameof(OrtValue));

    /// <summary>Wraps a value ORT created (a run's output); the new object owns it.</summary>
    internal static OrtValue FromOwnedHandle(nint handle) => new(handle);

    /// <summary>
    /// A tensor over memory the caller owns: ORT reads and writes <paramref name="dataPtr"/> directly, never copies or
    /// frees it. The memory must stay valid, and not move, until this value and every IO binding holding it are disposed.
    /// </summary>
    /// <param name="memoryInfo">Where the memory lives; <see cref="OrtMemoryInfo.Cpu"/> for host memory, including mapped Vulkan memory.</param>
    /// <param name="dataPtr">The first element.</param>
    /// <param name="byteLength">Bytes available at <paramref name="dataPtr"/>; at least the shape's element count times the element size.</param>
    /// <param name="shape">The tensor's dimensions, all fixed.</param>
    /// <param name="elementType">The element type.</param>
    /// <exception cref="ArgumentException">The buffer is too small or the shape has a negative dimension.</exception>
    /// <exception cref="OnnxRuntimeException">ORT rejected the tensor.</exception>
    public static OrtValue CreateTensorValueFromMemory(OrtMemoryInfo memoryInfo, nint dataPtr, long byteLength, long[] shape,
        TensorElementType elementType)
    {
        ArgumentNullException.ThrowIfNull(memoryInfo);
        ArgumentNullException.ThrowIfNull(shape);
        if (dataPtr == 0)
        {
            throw new ArgumentException("the data pointer is null", nameof(dataPtr));
        }
        long elements = ElementCount(shape);
        int size = TensorElementTypes.SizeOf(elementType);
        if (size == 0)
        {
            throw new ArgumentException($"{TensorElementTypes.Name(elementType)} tensors cannot live in caller-owned memory", nameof(elementType));
        }
        if (byteLength < elements * size)
        {
            throw new ArgumentException(
                $"a {TensorElementTypes.Name(elementType)} tensor of shape [{string.Join(',', shape)}] needs {elements * size} bytes; the buffer has {byteLength}",
                nameof(byteLength));
        }

        var api = OrtLibrary.Api;
        nint value;
        fixed (long* dims = shape)
        {
            OrtStatus.Check(api,
                api.CreateTensorWithDataAsOrtValue(memoryInfo.Handle, (void*)dataPtr, (nuint)byteLength, dims, (nuint)shape.Length, (int)elementType, &value),
                "CreateTensorWithDataAsOrtValue");
        }
        GC.KeepAlive(memoryInfo);
        return new OrtValue(value);
    }

    /// <summary>
    /// A tensor over a managed array, pinned until this value is disposed (convenient for tests and one-off runs;
    /// hot paths should use <see cref="CreateTensorValueFromMemory(OrtMemoryInfo, nint, long, long[], TensorElementType)"/>).
    /// </summary>
    public static OrtValue CreateTensorValueFromMemory<T>(T[] data, long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            var value = CreateTensorValueFromMemory(OrtMemoryInfo.Cpu, pin.AddrOfPinnedObject(), (long)data.Length * sizeof(T), shape,
                TensorElementTypes.Of<T>());
            value._pin = pin;
            return value;
        }
        catch
        {
            pin.Free();
            throw;
        }
    }

    /// <summary>A tensor that ORT allocates (and frees on dispose) with its default CPU allocator.</summary>
    public static OrtValue CreateAllocatedTensorValue(TensorElementType elementType, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ElementCount(shape);
        var api = OrtLibrary.Api;
        nint value;
        fixed (long* dims = shape)
        {
            OrtStatus.Check(api, api.CreateTensorAsOrtValue(api.DefaultAllocator, dims, (nuint)shape.Length, (int)elementType, &value), "CreateTensorAsOrtValue");
        }
        return new OrtValue(value);
    }

    /// <summary>True when this value is a tensor.</summary>
    public bool IsTensor
    {
        get
        {
            var api = OrtLibrary.Api;
            int isTensor;
            OrtStatus.Check(api, api.IsTensor(Handle, &isTensor), "IsTensor");
            return isTensor != 0;
        }
    }

    /// <summary>The tensor's element type.</summary>
    public TensorElementType ElementType
    {
        get
        {
            var api = OrtLibrary.Api;
            nint info = TypeAndShape(api);
            try
            {
                int type;
                OrtStatus.Check(api, api.GetTensorElementType(info, &type), "GetTensorElementType");
                return (TensorElementType)type;
            }
            finally
            {
                api.ReleaseTensorTypeAndShapeInfo(info);
            }
        }
    }

    /// <summary>The tensor's dimensions.</summary>
    public long[] GetTensorShape()
    {
        var api = OrtLibrary.Api;
        nint info = TypeAndShape(api);
        try
        {
            nuint rank;
            OrtStatus.Check(api, api.GetDimensionsCount(info, &rank), "GetDimensionsCount");
            var dims = new long[(int)rank];
            fixed (long* p = dims)
            {
                OrtStatus.Check(api, api.GetDimensions(info, p, rank), "GetDimensions");
            }
            return dims;
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>Number of elements in the tensor.</summary>
    public long GetTensorElementCount()
    {
        var api = OrtLibrary.Api;
        nint info = TypeAndShape(api);
        try
        {
            nuint count;
            OrtStatus.Check(api, api.GetTensorShapeElementCount(info, &count), "GetTensorShapeElementCount");
            return (long)count;
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>The address of the first element (the caller's pointer for caller-owned tensors).</summary>
    public nint GetTensorDataPointer()
    {
        var api = OrtLibrary.Api;
        void* data;
        OrtStatus.Check(api, api.GetTensorMutableData(Handle, &data), "GetTensorMutableData");
        GC.KeepAlive(this);
        return (nint)data;
    }

    /// <summary>The tensor's elements, read-only; valid until this value is disposed.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the element type.</exception>
    public ReadOnlySpan<T> GetTensorDataAsSpan<T>() where T : unmanaged => GetTensorMutableDataAsSpan<T>();

    /// <summary>The tensor's elements, writable; valid until this value is disposed.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the element type.</exception>
    public Span<T> GetTensorMutableDataAsSpan<T>() where T : unmanaged
    {
        var expected = TensorElementTypes.Of<T>();
        var actual = ElementType;
        if (actual != expected)
        {
            throw new InvalidOperationException(
                $"the tensor holds {TensorElementTypes.Name(actual)}, not {TensorElementTypes.Name(expected)} ({typeof(T).Name})");
        }
        return new Span<T>((void*)GetTensorDataPointer(), checked((int)GetTensorElementCount()));
    }

    private nint TypeAndShape(OrtApiTable api)
    {
        nint info;
        OrtStatus.Check(api, api.GetTensorTypeAndShape(Handle, &info), "GetTensorTypeAndShape");
        GC.KeepAlive(this);
        return info;
    }

    private static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"shape [{string.Join(',', shape)}] has a negative dimension; a tensor needs fixed sizes", nameof(shape));
            }
            count = checked(count * d);
        }
        return count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle.Dispose();
        // Unpin only after ORT let go of the value; an IO binding holding it keeps its own reference to the OrtValue.
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }
}
