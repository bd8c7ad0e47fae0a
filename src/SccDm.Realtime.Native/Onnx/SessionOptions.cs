namespace SccDm.Realtime.Native.Onnx;

/// <summary>Options for creating an <see cref="InferenceSession"/>: threads, graph optimization, execution providers.</summary>
public sealed unsafe class SessionOptions : IDisposable
{
    private readonly OrtSafeHandle _handle;
    private int _intraOpNumThreads;
    private int _interOpNumThreads;
    private bool _intraOpSpinning = true;
    private GraphOptimizationLevel _graphOptimizationLevel = GraphOptimizationLevel.All;
    private readonly List<string> _executionProviders = [];

    /// <summary>Creates default options: ORT's default thread counts, all graph optimizations, CPU execution.</summary>
    /// <exception cref="OrtUnavailableException">ONNX Runtime was not found.</exception>
    public SessionOptions()
    {
        // The environment must exist first: appending a provider logs through ORT's default logger, which the
        // environment registers ("Attempt to use DefaultLogger but none has been registered" otherwise).
        _ = OrtEnv.Instance;
        var api = OrtLibrary.Api;
        nint options;
        OrtStatus.Check(api, api.CreateSessionOptions(&options), "CreateSessionOptions");
        _handle = new OrtSafeHandle(options, api.ReleaseSessionOptions);
    }

    internal nint Handle => _handle.Get(nameof(SessionOptions));

    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per core).</summary>
    public int IntraOpNumThreads
    {
        get => _intraOpNumThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            var api = OrtLibrary.Api;
            OrtStatus.Check(api, api.SetIntraOpNumThreads(Handle, value), "SetIntraOpNumThreads");
            _intraOpNumThreads = value;
        }
    }

    /// <summary>Threads running independent operators in parallel; 0 lets ORT choose. Only used in parallel execution mode.</summary>
    public int InterOpNumThreads
    {
        get => _interOpNumThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            var api = OrtLibrary.Api;
            OrtStatus.Check(api, api.SetInterOpNumThreads(Handle, value), "SetInterOpNumThreads");
            _interOpNumThreads = value;
        }
    }

    /// <summary>How much ORT optimizes the graph at load time; default <see cref="GraphOptimizationLevel.All"/>.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel
    {
        get => _graphOptimizationLevel;
        set
        {
            var api = OrtLibrary.Api;
            OrtStatus.Check(api, api.SetSessionGraphOptimizationLevel(Handle, (int)value), "SetSessionGraphOptimizationLevel");
            _graphOptimizationLevel = value;
        }
    }

    /// <summary>Minimum severity of ORT's log messages for sessions made with these options.</summary>
    public OrtLoggingLevel LogSeverityLevel
    {
        set
        {
            var api = OrtLibrary.Api;
            OrtStatus.Check(api, api.SetSessionLogSeverityLevel(Handle, (int)value), "SetSessionLogSeverityLevel");
        }
    }

    /// <summary>
    /// Whether ORT's intra-op threads spin-wait for more work between operators (ORT's default: true). Spinning
    /// lowers latency on an idle machine; where other busy threads share few cores (the kiosk's display and capture,
    /// lavapipe's shader threads) the spinning threads take the CPU those need. Sets
    /// <c>session.intra_op.allow_spinning</c>.
    /// </summary>
    public bool IntraOpSpinning
    {
        get => _intraOpSpinning;
        set
        {
            AddConfigEntry("session.intra_op.allow_spinning", value ? "1" : "0");
            _intraOpSpinning = value;
        }
    }

    /// <summary>Sets a session configuration entry (onnxruntime_session_options_config_keys.h), e.g. "session.intra_op.allow_spinning" = "0".</summary>
    /// <exception cref="OnnxRuntimeException">ORT rejected the entry.</exception>
    public void AddConfigEntry(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var api = OrtLibrary.Api;
        fixed (byte* keyZ = Utf8.Z(key))
        fixed (byte* valueZ = Utf8.Z(value))
        {
            OrtStatus.Check(api, api.AddSessionConfigEntry(Handle, keyZ, valueZ), "AddSessionConfigEntry");
        }
    }

    /// <summary>Execution providers appended so far, in preference order (CPU is always the implicit last one).</summary>
    public IReadOnlyList<string> AppendedExecutionProviders => _executionProviders;

    /// <summary>Appends the CUDA execution provider on GPU <paramref name="deviceId"/>.</summary>
    /// <exception cref="OnnxRuntimeException">
    /// ORT could not enable CUDA, e.g. "Failed to load shared library libonnxruntime_providers_cuda.so" when the library
    /// folder has no CUDA provider or the machine has no CUDA runtime. The options stay usable for CPU.
    /// </exception>
    public void AppendExecutionProvider_CUDA(int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        var api = OrtLibrary.Api;
        var cuda = OrtCudaProviderOptions.Defaults(deviceId);
        OrtStatus.Check(api, api.SessionOptionsAppendExecutionProvider_CUDA(Handle, &cuda), "SessionOptionsAppendExecutionProvider_CUDA");
        _executionProviders.Add("CUDAExecutionProvider");
    }

    /// <summary>Like <see cref="AppendExecutionProvider_CUDA"/>, but returns false with ORT's message instead of throwing.</summary>
    public bool TryAppendExecutionProvider_CUDA(int deviceId, out string? error)
    {
        try
        {
            AppendExecutionProvider_CUDA(deviceId);
            error = null;
            return true;
        }
        catch (OnnxRuntimeException e)
        {
            error = e.OrtMessage;
            return false;
        }
    }

    /// <summary>Execution providers compiled into the loaded ORT (see <see cref="OrtEnv.GetAvailableProviders"/>).</summary>
    public static string[] GetAvailableProviders() => OrtEnv.Instance.GetAvailableProviders();

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
