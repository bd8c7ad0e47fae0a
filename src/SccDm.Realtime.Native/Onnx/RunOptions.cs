namespace SccDm.Realtime.Native.Onnx;

/// <summary>Per-run options; <see cref="Terminate"/> lets another thread cancel a run in progress.</summary>
public sealed unsafe class RunOptions : IDisposable
{
    private readonly OrtSafeHandle _handle;
    private bool _terminate;

    /// <summary>Creates default run options.</summary>
    public RunOptions()
    {
        var api = OrtLibrary.Api;
        nint options;
        OrtStatus.Check(api, api.CreateRunOptions(&options), "CreateRunOptions");
        _handle = new OrtSafeHandle(options, api.ReleaseRunOptions);
    }

    internal nint Handle => _handle.Get(nameof(RunOptions));

    /// <summary>When set, runs using these options stop with an error as soon as ORT checks the flag.</summary>
    public bool Terminate
    {
        get => _terminate;
        set
        {
            var api = OrtLibrary.Api;
            nint status = value ? api.RunOptionsSetTerminate(Handle) : api.RunOptionsUnsetTerminate(Handle);
            OrtStatus.Check(api, status, value ? "RunOptionsSetTerminate" : "RunOptionsUnsetTerminate");
            _terminate = value;
        }
    }

    /// <summary>Minimum severity of ORT's log messages during runs with these options.</summary>
    public OrtLoggingLevel LogSeverityLevel
    {
        set
        {
            var api = OrtLibrary.Api;
            OrtStatus.Check(api, api.RunOptionsSetRunLogSeverityLevel(Handle, (int)value), "RunOptionsSetRunLogSeverityLevel");
        }
    }

    /// <summary>A tag ORT puts in its log lines for these runs.</summary>
    public string RunTag
    {
        set
        {
            var api = OrtLibrary.Api;
            fixed (byte* tag = Utf8.Z(value))
            {
                OrtStatus.Check(api, api.RunOptionsSetRunTag(Handle, tag), "RunOptionsSetRunTag");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
