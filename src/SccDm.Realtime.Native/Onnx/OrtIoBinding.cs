namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// Binds pre-made values to a session's inputs and outputs, so that <see cref="InferenceSession.RunWithBinding"/>
/// reads and writes them in place: bind once at setup, then run every frame without managed allocation.
/// </summary>
/// <remarks>
/// The binding keeps a reference to each bound <see cref="OrtValue"/>; do not dispose a bound value before the
/// binding (or before clearing it), since ORT keeps using the value's memory.
/// </remarks>
public sealed unsafe class OrtIoBinding : IDisposable
{
    private readonly OrtSafeHandle _handle;
    private readonly InferenceSession _session;
    private readonly Dictionary<string, OrtValue> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrtValue> _outputs = new(StringComparer.Ordinal);

    internal OrtIoBinding(InferenceSession session)
    {
        _session = session;
        var api = OrtLibrary.Api;
        nint binding;
        OrtStatus.Check(api, api.CreateIoBinding(session.Handle, &binding), "CreateIoBinding");
        // The binding points into the session: hold a reference so the session is released after it.
        _handle = new OrtSafeHandle(binding, api.ReleaseIoBinding, session.SafeHandle);
    }

    internal nint Handle => _handle.Get(nameof(OrtIoBinding));

    /// <summary>Binds <paramref name="value"/> to the input <paramref name="name"/>, replacing an earlier binding.</summary>
    /// <exception cref="OnnxRuntimeException">The session has no such input, or the value does not fit it.</exception>
    public void BindInput(string name, OrtValue value)
    {
        Bind(name, value, isInput: true);
        _inputs[name] = value;
    }

    /// <summary>Binds <paramref name="value"/> (e.g. caller-owned memory) as the destination of output <paramref name="name"/>.</summary>
    /// <exception cref="OnnxRuntimeException">The session has no such output.</exception>
    public void BindOutput(string name, OrtValue value)
    {
        Bind(name, value, isInput: false);
        _outputs[name] = value;
    }

    /// <summary>Lets ORT allocate output <paramref name="name"/> on the given device at each run; read it with <see cref="GetOutputValues"/>.</summary>
    public void BindOutputToDevice(string name, OrtMemoryInfo memoryInfo)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(memoryInfo);
        var api = OrtLibrary.Api;
        fixed (byte* n = Utf8.Z(name))
        {
            OrtStatus.Check(api, api.BindOutputToDevice(Handle, n, memoryInfo.Handle), $"BindOutputToDevice('{name}')");
        }
        GC.KeepAlive(memoryInfo);
        _outputs.Remove(name);
    }

    /// <summary>The output values of the last run, in binding order; new objects the caller disposes.</summary>
    public OrtValue[] GetOutputValues()
    {
        var api = OrtLibrary.Api;
        nint* values;
        nuint count;
        OrtStatus.Check(api, api.GetBoundOutputValues(Handle, api.DefaultAllocator, &values, &count), "GetBoundOutputValues");
        if (values == null)
        {
            return [];
        }
        var result = new OrtValue[(int)count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = OrtValue.FromOwnedHandle(values[i]);
        }
        OrtStatus.Check(api, api.AllocatorFree(api.DefaultAllocator, values), "AllocatorFree");
        return result;
    }

    /// <summary>Removes all input bindings.</summary>
    public void ClearBoundInputs()
    {
        OrtLibrary.Api.ClearBoundInputs(Handle);
        _inputs.Clear();
    }

    /// <summary>Removes all output bindings.</summary>
    public void ClearBoundOutputs()
    {
        OrtLibrary.Api.ClearBoundOutputs(Handle);
        _outputs.Clear();
    }

    private void Bind(string name, OrtValue value, bool isInput)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var api = OrtLibrary.Api;
        byte[] utf8 = Utf8.Z(name);
        fixed (byte* n = utf8)
        {
            nint status = isInput ? api.BindInput(Handle, n, value.Handle) : api.BindOutput(Handle, n, value.Handle);
            GC.KeepAlive(value);
            if (status != 0)
            {
                string what = isInput ? "input" : "output";
                throw OrtStatus.ToException(api, status, $"binding {what} '{name}' of {_session.ModelPath}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
