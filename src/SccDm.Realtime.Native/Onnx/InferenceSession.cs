namespace SccDm.Realtime.Native.Onnx;

/// <summary>A loaded ONNX model, ready to run. Runs may come from several threads; dispose only when none is in flight.</summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private readonly OrtSafeHandle _handle;

    /// <summary>Loads the model at <paramref name="modelPath"/>.</summary>
    /// <exception cref="OnnxRuntimeException">ORT could not load it (missing, truncated, not ONNX, unsupported operator…).</exception>
    /// <exception cref="OrtUnavailableException">ONNX Runtime itself was not found.</exception>
    public InferenceSession(string modelPath, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ModelPath = modelPath;
        var env = OrtEnv.Instance;
        var api = OrtLibrary.Api;
        SessionOptions? owned = options is null ? new SessionOptions() : null;
        try
        {
            nint session;
            fixed (byte* path = Utf8.Z(modelPath))
            {
                OrtStatus.Check(api, api.CreateSession(env.Handle, path, (options ?? owned!).Handle, &session), "CreateSession");
            }
            _handle = new OrtSafeHandle(session, api.ReleaseSession);
        }
        finally
        {
            owned?.Dispose();
        }

        try
        {
            (InputNames, InputMetadata) = ReadNodes(api, isInput: true);
            (OutputNames, OutputMetadata) = ReadNodes(api, isInput: false);
            ModelMetadata = ReadModelMetadata(api);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    internal OrtSafeHandle SafeHandle => _handle;

    internal nint Handle => _handle.Get(nameof(InferenceSession));

    /// <summary>The path the model was loaded from, as given.</summary>
    public string ModelPath { get; }

    /// <summary>Input names in the model's order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Output names in the model's order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Declared type and shape of each input, by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata { get; }

    /// <summary>Declared type and shape of each output, by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata { get; }

    /// <summary>Producer, graph name and the custom metadata map.</summary>
    public ModelMetadata ModelMetadata { get; }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> and returns new ORT-allocated values for
    /// <paramref name="outputNames"/>, in that order; the caller disposes them.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ORT rejected the inputs or the run failed.</exception>
    public OrtValue[] Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames,
        RunOptions? runOptions = null)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (inputNames.Count != inputs.Count)
        {
            throw new ArgumentException($"{inputNames.Count} input names but {inputs.Count} input values", nameof(inputs));
        }

        var api = OrtLibrary.Api;
        using var names = new Utf8Array(inputNames);
        using var outNames = new Utf8Array(outputNames);
        var inputHandles = new nint[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            inputHandles[i] = inputs[i].Handle;
        }
        var outputHandles = new nint[outputNames.Count];
        fixed (nint* inPtr = inputHandles)
        fixed (nint* outPtr = outputHandles)
        {
            nint status = api.Run(Handle, runOptions?.Handle ?? 0, names.Pointers, inPtr, (nuint)inputs.Count,
                outNames.Pointers, (nuint)outputNames.Count, outPtr);
            GC.KeepAlive(inputs);
            GC.KeepAlive(runOptions);
            if (status != 0)
            {
                foreach (nint h in outputHandles)
                {
                    if (h != 0)
                    {
                        api.ReleaseValue(h);
                    }
                }
                throw OrtStatus.ToException(api, status, $"Run of {ModelPath}");
            }
        }

        var results = new OrtValue[outputHandles.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = OrtValue.FromOwnedHandle(outputHandles[i]);
        }
        return results;
    }

    /// <summary>Creates an IO binding for this session (bind once, run many times without allocating).</summary>
    public OrtIoBinding CreateIoBinding() => new(this);

    /// <summary>Runs the model with the values bound in <paramref name="binding"/>. Allocates nothing managed.</summary>
    /// <exception cref="OnnxRuntimeException">The run failed.</exception>
    public void RunWithBinding(OrtIoBinding binding, RunOptions? runOptions = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var api = OrtLibrary.Api;
        nint status = api.RunWithBinding(Handle, runOptions?.Handle ?? 0, binding.Handle);
        GC.KeepAlive(binding);
        GC.KeepAlive(runOptions);
        if (status != 0)
        {
            throw OrtStatus.ToException(api, status, $"RunWithBinding of {ModelPath}");
        }
    }

    private (IReadOnlyList<string>, IReadOnlyDictionary<string, NodeMetadata>) ReadNodes(OrtApiTable api, bool isInput)
    {
        nint session = Handle;
        nuint count;
        OrtStatus.Check(api, isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count),
            isInput ? "SessionGetInputCount" : "SessionGetOutputCount");
        var names = new string[(int)count];
        var nodes = new Dictionary<string, NodeMetadata>((int)count, StringComparer.Ordinal);
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            OrtStatus.Check(api, isInput
                ? api.SessionGetInputName(session, i, api.DefaultAllocator, &rawName)
                : api.SessionGetOutputName(session, i, api.DefaultAllocator, &rawName), "SessionGetInputName/OutputName");
            string name = api.TakeString(rawName);

            nint typeInfo;
            OrtStatus.Check(api, isInput
                ? api.SessionGetInputTypeInfo(session, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(session, i, &typeInfo), "SessionGetInputTypeInfo/OutputTypeInfo");
            try
            {
                names[(int)i] = name;
                nodes[name] = ReadNode(api, name, typeInfo);
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }
        return (names, nodes);
    }

    private static NodeMetadata ReadNode(OrtApiTable api, string name, nint typeInfo)
    {
        int onnxType;
        OrtStatus.Check(api, api.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType), "GetOnnxTypeFromTypeInfo");
        if ((OnnxValueType)onnxType != OnnxValueType.Tensor)
        {
            return new NodeMetadata(name, (OnnxValueType)onnxType, TensorElementType.Undefined, [], []);
        }

        // The tensor info belongs to typeInfo: not released separately.
        nint tensorInfo;
        OrtStatus.Check(api, api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), "CastTypeInfoToTensorInfo");
        int elementType;
        OrtStatus.Check(api, api.GetTensorElementType(tensorInfo, &elementType), "GetTensorElementType");
        nuint rank;
        OrtStatus.Check(api, api.GetDimensionsCount(tensorInfo, &rank), "GetDimensionsCount");
        var dims = new long[(int)rank];
        var symbols = new string[(int)rank];
        var symbolPtrs = new nint[(int)rank];
        fixed (long* d = dims)
        fixed (nint* s = symbolPtrs)
        {
            OrtStatus.Check(api, api.GetDimensions(tensorInfo, d, rank), "GetDimensions");
            OrtStatus.Check(api, api.GetSymbolicDimensions(tensorInfo, (byte**)s, rank), "GetSymbolicDimensions");
        }
        for (int i = 0; i < symbols.Length; i++)
        {
            symbols[i] = Utf8.Read((byte*)symbolPtrs[i]);
        }
        return new NodeMetadata(name, OnnxValueType.Tensor, (TensorElementType)elementType, dims, symbols);
    }

    private ModelMetadata ReadModelMetadata(OrtApiTable api)
    {
        nint metadata;
        OrtStatus.Check(api, api.SessionGetModelMetadata(Handle, &metadata), "SessionGetModelMetadata");
        try
        {
            nint alloc = api.DefaultAllocator;
            byte* text;
            OrtStatus.Check(api, api.ModelMetadataGetProducerName(metadata, alloc, &text), "ModelMetadataGetProducerName");
            string producer = api.TakeString(text);
            OrtStatus.Check(api, api.ModelMetadataGetGraphName(metadata, alloc, &text), "ModelMetadataGetGraphName");
            string graph = api.TakeString(text);
            OrtStatus.Check(api, api.ModelMetadataGetDomain(metadata, alloc, &text), "ModelMetadataGetDomain");
            string domain = api.TakeString(text);
            OrtStatus.Check(api, api.ModelMetadataGetDescription(metadata, alloc, &text), "ModelMetadataGetDescription");
            string description = api.TakeString(text);
            long version;
            OrtStatus.Check(api, api.ModelMetadataGetVersion(metadata, &version), "ModelMetadataGetVersion");

            byte** keys;
            long keyCount;
            OrtStatus.Check(api, api.ModelMetadataGetCustomMetadataMapKeys(metadata, alloc, &keys, &keyCount), "ModelMetadataGetCustomMetadataMapKeys");
            var map = new Dictionary<string, string>((int)keyCount, StringComparer.Ordinal);
            if (keys != null)
            {
                // Every key string is taken (and freed) first, so a failed lookup below cannot leak them.
                var keyNames = new string[(int)keyCount];
                for (long i = 0; i < keyCount; i++)
                {
                    keyNames[i] = api.TakeString(keys[i]);
                }
                OrtStatus.Check(api, api.AllocatorFree(alloc, keys), "AllocatorFree");
                foreach (string key in keyNames)
                {
                    byte* value;
                    fixed (byte* k = Utf8.Z(key))
                    {
                        OrtStatus.Check(api, api.ModelMetadataLookupCustomMetadataMap(metadata, alloc, k, &value), "ModelMetadataLookupCustomMetadataMap");
                    }
                    map[key] = api.TakeString(value);
                }
            }
            return new ModelMetadata(producer, graph, domain, description, version, map);
        }
        finally
        {
            api.ReleaseModelMetadata(metadata);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
