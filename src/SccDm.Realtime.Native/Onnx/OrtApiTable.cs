namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// The part of ORT's <c>OrtApi</c> function table this binding calls.
/// </summary>
/// <remarks>
/// <para><c>OrtApi</c> is a struct of function pointers in the declaration order of onnxruntime_c_api.h, and ORT only ever
/// appends to it, so an index counted in any header at or above API 13 stays valid in 1.30. The indices below were
/// counted from the header (entry 0 is <c>CreateStatus</c>; every <c>ORT_API2_STATUS</c>, <c>ORT_CLASS_RELEASE</c> and
/// plain function pointer member is one slot). Tests in tests/SccDm.Realtime.Tests/Onnx check them at run time: a
/// status round trip (0, 1, 2, 93), a model load, metadata read-back, plain and IO-bound runs.</para>
/// <para>All opaque ORT objects are <c>nint</c>; C enums are <c>int</c>; every status-returning entry returns an
/// <c>OrtStatus*</c> as <c>nint</c> (0 = success) that <see cref="OrtStatus.Check"/> turns into an exception.</para>
/// </remarks>
internal sealed unsafe class OrtApiTable
{
    public readonly delegate* unmanaged<int, byte*, nint> CreateStatus;
    public readonly delegate* unmanaged<nint, int> GetErrorCode;
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    public readonly delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionExecutionMode;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionLogSeverityLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged<nint*, nint> CreateRunOptions;
    public readonly delegate* unmanaged<nint, int, nint> RunOptionsSetRunLogSeverityLevel;
    public readonly delegate* unmanaged<nint, byte*, nint> RunOptionsSetRunTag;
    public readonly delegate* unmanaged<nint, nint> RunOptionsSetTerminate;
    public readonly delegate* unmanaged<nint, nint> RunOptionsUnsetTerminate;
    public readonly delegate* unmanaged<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue;
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<nint, int*, nint> IsTensor;
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetTensorElementType;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetTensorShapeElementCount;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<nint, int*, nint> GetValueType;
    public readonly delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSession;
    public readonly delegate* unmanaged<nint, void> ReleaseValue;
    public readonly delegate* unmanaged<nint, void> ReleaseRunOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<nint, nint*, nint> SessionGetModelMetadata;
    public readonly delegate* unmanaged<nint, nint, byte**, nint> ModelMetadataGetProducerName;
    public readonly delegate* unmanaged<nint, nint, byte**, nint> ModelMetadataGetGraphName;
    public readonly delegate* unmanaged<nint, nint, byte**, nint> ModelMetadataGetDomain;
    public readonly delegate* unmanaged<nint, nint, byte**, nint> ModelMetadataGetDescription;
    public readonly delegate* unmanaged<nint, nint, byte*, byte**, nint> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged<nint, long*, nint> ModelMetadataGetVersion;
    public readonly delegate* unmanaged<nint, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged<nint, nint, byte***, long*, nint> ModelMetadataGetCustomMetadataMapKeys;
    public readonly delegate* unmanaged<byte***, int*, nint> GetAvailableProviders;
    public readonly delegate* unmanaged<byte**, int, nint> ReleaseAvailableProviders;
    public readonly delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
    public readonly delegate* unmanaged<nint, nint, nint, nint> RunWithBinding;
    public readonly delegate* unmanaged<nint, nint*, nint> CreateIoBinding;
    public readonly delegate* unmanaged<nint, void> ReleaseIoBinding;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindInput;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindOutput;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindOutputToDevice;
    public readonly delegate* unmanaged<nint, nint, nint**, nuint*, nint> GetBoundOutputValues;
    public readonly delegate* unmanaged<nint, void> ClearBoundInputs;
    public readonly delegate* unmanaged<nint, void> ClearBoundOutputs;
    public readonly delegate* unmanaged<nint, OrtCudaProviderOptions*, nint> SessionOptionsAppendExecutionProvider_CUDA;

    /// <summary>Reads the entries from the table <c>GetApi</c> returned.</summary>
    public OrtApiTable(nint* table)
    {
        CreateStatus = (delegate* unmanaged<int, byte*, nint>)table[0];
        GetErrorCode = (delegate* unmanaged<nint, int>)table[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)table[2];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)table[3];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)table[7];
        CreateSessionFromArray = (delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)table[8];
        Run = (delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)table[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)table[10];
        SetSessionExecutionMode = (delegate* unmanaged<nint, int, nint>)table[13];
        SetSessionLogSeverityLevel = (delegate* unmanaged<nint, int, nint>)table[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)table[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)table[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)table[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)table[37];
        CreateRunOptions = (delegate* unmanaged<nint*, nint>)table[39];
        RunOptionsSetRunLogSeverityLevel = (delegate* unmanaged<nint, int, nint>)table[41];
        RunOptionsSetRunTag = (delegate* unmanaged<nint, byte*, nint>)table[42];
        RunOptionsSetTerminate = (delegate* unmanaged<nint, nint>)table[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged<nint, nint>)table[47];
        CreateTensorAsOrtValue = (delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)table[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[49];
        IsTensor = (delegate* unmanaged<nint, int*, nint>)table[50];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)table[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)table[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, int*, nint>)table[56];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)table[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)table[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)table[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)table[63];
        GetTensorShapeElementCount = (delegate* unmanaged<nint, nuint*, nint>)table[64];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)table[65];
        GetValueType = (delegate* unmanaged<nint, int*, nint>)table[67];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)table[69];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)table[78];
        ReleaseEnv = (delegate* unmanaged<nint, void>)table[92];
        ReleaseStatus = (delegate* unmanaged<nint, void>)table[93];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)table[94];
        ReleaseSession = (delegate* unmanaged<nint, void>)table[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)table[96];
        ReleaseRunOptions = (delegate* unmanaged<nint, void>)table[97];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)table[100];
        SessionGetModelMetadata = (delegate* unmanaged<nint, nint*, nint>)table[111];
        ModelMetadataGetProducerName = (delegate* unmanaged<nint, nint, byte**, nint>)table[112];
        ModelMetadataGetGraphName = (delegate* unmanaged<nint, nint, byte**, nint>)table[113];
        ModelMetadataGetDomain = (delegate* unmanaged<nint, nint, byte**, nint>)table[114];
        ModelMetadataGetDescription = (delegate* unmanaged<nint, nint, byte**, nint>)table[115];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<nint, nint, byte*, byte**, nint>)table[116];
        ModelMetadataGetVersion = (delegate* unmanaged<nint, long*, nint>)table[117];
        ReleaseModelMetadata = (delegate* unmanaged<nint, void>)table[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<nint, nint, byte***, long*, nint>)table[123];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, nint>)table[125];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, nint>)table[126];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)table[130];
        RunWithBinding = (delegate* unmanaged<nint, nint, nint, nint>)table[133];
        CreateIoBinding = (delegate* unmanaged<nint, nint*, nint>)table[134];
        ReleaseIoBinding = (delegate* unmanaged<nint, void>)table[135];
        BindInput = (delegate* unmanaged<nint, byte*, nint, nint>)table[136];
        BindOutput = (delegate* unmanaged<nint, byte*, nint, nint>)table[137];
        BindOutputToDevice = (delegate* unmanaged<nint, byte*, nint, nint>)table[138];
        GetBoundOutputValues = (delegate* unmanaged<nint, nint, nint**, nuint*, nint>)table[140];
        ClearBoundInputs = (delegate* unmanaged<nint, void>)table[141];
        ClearBoundOutputs = (delegate* unmanaged<nint, void>)table[142];
        SessionOptionsAppendExecutionProvider_CUDA = (delegate* unmanaged<nint, OrtCudaProviderOptions*, nint>)table[152];

        nint allocator;
        OrtStatus.Check(this, GetAllocatorWithDefaultOptions(&allocator), "GetAllocatorWithDefaultOptions");
        DefaultAllocator = allocator;
    }

    /// <summary>ORT's default CPU allocator; strings ORT returns are freed with it. Never released (ORT owns it).</summary>
    public nint DefaultAllocator { get; }

    /// <summary>Copies a UTF-8 string ORT allocated with the default allocator, then frees it.</summary>
    public string TakeString(byte* value)
    {
        if (value == null)
        {
            return string.Empty;
        }
        string text = Utf8.Read(value);
        nint status = AllocatorFree(DefaultAllocator, value);
        if (status != 0)
        {
            ReleaseStatus(status);
        }
        return text;
    }
}
