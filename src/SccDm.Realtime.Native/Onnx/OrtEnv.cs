namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// The process-wide ORT environment (logging at warning level). Created on first use and never released: every
/// session needs it, and releasing it at process exit races with ORT's own static teardown.
/// </summary>
public sealed unsafe class OrtEnv
{
    private static readonly Lock _gate = new();
    private static volatile OrtEnv? _instance;

    private OrtEnv(nint handle) => Handle = handle;

    /// <summary>The shared environment; loads ONNX Runtime on first use.</summary>
    /// <exception cref="OrtUnavailableException">The library was not found.</exception>
    public static OrtEnv Instance
    {
        get
        {
            if (_instance is { } existing)
            {
                return existing;
            }
            lock (_gate)
            {
                if (_instance is null)
                {
                    var api = OrtLibrary.Api;
                    nint env;
                    fixed (byte* logId = "sccdm\0"u8)
                    {
                        OrtStatus.Check(api, api.CreateEnv((int)LoggingLevelFromEnvironment(), logId, &env), "CreateEnv");
                    }
                    _instance = new OrtEnv(env);
                }
                return _instance;
            }
        }
    }

    internal nint Handle { get; }

    /// <summary>ORT's version string, e.g. "1.30.0".</summary>
    public string Version => OrtLibrary.Version;

    /// <summary>
    /// Execution providers compiled into the loaded library, e.g. "CPUExecutionProvider". A listed provider may still
    /// fail to load when its own shared library or driver is missing.
    /// </summary>
    public string[] GetAvailableProviders()
    {
        var api = OrtLibrary.Api;
        byte** names;
        int count;
        OrtStatus.Check(api, api.GetAvailableProviders(&names, &count), "GetAvailableProviders");
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = Utf8.Read(names[i]);
            }
            return result;
        }
        finally
        {
            OrtStatus.Check(api, api.ReleaseAvailableProviders(names, count), "ReleaseAvailableProviders");
        }
    }

    /// <summary>
    /// ORT's own log level: <c>SCCDM_ORT_LOG</c> (verbose, info, warning, error, fatal), default fatal. The app reports
    /// ORT's failures itself (e.g. why CUDA fell back to CPU), so ORT's console lines would only repeat them.
    /// </summary>
    public static OrtLoggingLevel LoggingLevelFromEnvironment()
        => Environment.GetEnvironmentVariable("SCCDM_ORT_LOG")?.Trim().ToLowerInvariant() switch
        {
            "verbose" => OrtLoggingLevel.Verbose,
            "info" => OrtLoggingLevel.Info,
            "warning" => OrtLoggingLevel.Warning,
            "error" => OrtLoggingLevel.Error,
            _ => OrtLoggingLevel.Fatal,
        };
}
