using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// Finds and loads <c>libonnxruntime.so.1</c> and its C API table, once per process.
/// </summary>
/// <remarks>
/// <para>Search order, first hit wins:</para>
/// <list type="number">
/// <item>the environment variable <c>SCCDM_ORT_PATH</c>: the library file or a folder holding it;</item>
/// <item><see cref="ConfiguredPath"/>, set by the app from its configuration (file or folder);</item>
/// <item><c>.deps/onnxruntime/libonnxruntime.so.1</c> in <see cref="SearchBaseDirectory"/> (the app's folder, or the
/// folder of the library that embeds the plugin) or any folder above it (where .ci/setup puts it);</item>
/// <item>the system's <c>libonnxruntime.so.1</c> (the dynamic loader's search path).</item>
/// </list>
/// <para>A path the user gave explicitly (1 or 2) that does not exist or does not load is an error, not a reason to
/// fall through: silently loading a different ORT (say, the CPU-only one instead of a CUDA-capable folder) would hide
/// the mistake.</para>
/// <para>The library is never unloaded. ORT 1.30's C API is requested (<see cref="PreferredApiVersion"/>); an older
/// library is accepted down to <see cref="MinimumApiVersion"/>, the oldest table that holds every entry this binding
/// calls.</para>
/// </remarks>
public static unsafe class OrtLibrary
{
    /// <summary>The library's file name on Linux.</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>The environment variable that points at the library or its folder.</summary>
    public const string PathEnvironmentVariable = "SCCDM_ORT_PATH";

    /// <summary>ORT_API_VERSION of ONNX Runtime 1.30, the version this project ships.</summary>
    public const uint PreferredApiVersion = 30;

    /// <summary>The oldest API version whose table has every function this binding uses.</summary>
    public const uint MinimumApiVersion = 13;

    private const string WhatToDo = "Run .ci/setup (installs ONNX Runtime 1.30 from npm onnxruntime-node) or set SCCDM_ORT_PATH to the library or its folder.";

    private static readonly Lock _gate = new();
    private static string? _configuredPath;
    private static volatile Loaded? _loaded;

    /// <summary>
    /// A library file or folder chosen by the app's configuration. Set it before the first ORT call; changing it after
    /// the library is loaded throws, because a process can hold only one ORT.
    /// </summary>
    public static string? ConfiguredPath
    {
        get => _configuredPath;
        set
        {
            lock (_gate)
            {
                if (_loaded is not null && !string.Equals(value, _configuredPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is already loaded from {_loaded.Path}; set OrtLibrary.ConfiguredPath before the first ONNX Runtime call.");
                }
                _configuredPath = value;
            }
        }
    }

    /// <summary>
    /// Where the search for <c>.deps/onnxruntime</c> starts: <see cref="AppContext.BaseDirectory"/> unless set. A
    /// NativeAOT library embedded in another program sets it to its own folder, since the program's folder is
    /// elsewhere.
    /// </summary>
    public static string SearchBaseDirectory { get; set; } = AppContext.BaseDirectory;

    /// <summary>The full path of the loaded library (loads it if needed).</summary>
    /// <exception cref="OrtUnavailableException">The library was not found or did not load.</exception>
    public static string LoadedFrom => Load().Path;

    /// <summary>ORT's own version string, e.g. "1.30.0" (loads the library if needed).</summary>
    /// <exception cref="OrtUnavailableException">The library was not found or did not load.</exception>
    public static string Version => Load().Version;

    /// <summary>The C API version in use: <see cref="PreferredApiVersion"/> unless the library is older.</summary>
    /// <exception cref="OrtUnavailableException">The library was not found or did not load.</exception>
    public static uint ApiVersion => Load().ApiVersion;

    /// <summary>True when the library is loaded or loads now; otherwise <paramref name="reason"/> says why not.</summary>
    public static bool TryLoad(out string? reason)
    {
        try
        {
            Load();
            reason = null;
            return true;
        }
        catch (OrtUnavailableException e)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Checks that this binding's view of the function table matches the library: creates an ORT status with a known
    /// code and message (entry 0) and reads them back (entries 1, 2, 93). A mismatch means the table indices are wrong
    /// for this library. Used by tests and <c>sccdm doctor</c>.
    /// </summary>
    /// <exception cref="OrtUnavailableException">The library is missing, or the round trip gave something else back.</exception>
    public static void VerifyFunctionTable()
    {
        var api = Api;
        const string probe = "sccdm function-table probe";
        nint status;
        fixed (byte* message = Utf8.Z(probe))
        {
            status = api.CreateStatus((int)OrtErrorCode.NotImplemented, message);
        }
        if (status == 0)
        {
            throw new OrtUnavailableException($"ONNX Runtime at {LoadedFrom}: CreateStatus returned null; the C API table does not match this binding.");
        }
        var roundTrip = OrtStatus.ToException(api, status, "probe");
        if (roundTrip.ErrorCode != OrtErrorCode.NotImplemented || roundTrip.OrtMessage != "probe: " + probe)
        {
            throw new OrtUnavailableException(
                $"ONNX Runtime at {LoadedFrom}: a status round trip gave back [{roundTrip.ErrorCode}] '{roundTrip.OrtMessage}'; the C API table does not match this binding.");
        }
    }

    /// <summary>The function table; loads the library on first use.</summary>
    internal static OrtApiTable Api => (_loaded ?? Load()).Api;

    private static Loaded Load()
    {
        if (_loaded is { } done)
        {
            return done;
        }
        lock (_gate)
        {
            return _loaded ??= Resolve();
        }
    }

    private static Loaded Resolve()
    {
        var looked = new List<string>();

        string? fromEnvironment = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return LoadExplicit(fromEnvironment, $"{PathEnvironmentVariable}={fromEnvironment}");
        }
        looked.Add($"{PathEnvironmentVariable} (not set)");

        if (!string.IsNullOrWhiteSpace(_configuredPath))
        {
            return LoadExplicit(_configuredPath, $"configured path {_configuredPath}");
        }
        looked.Add("configured path (not set)");

        string searchBase = SearchBaseDirectory;
        for (var dir = new DirectoryInfo(searchBase); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, ".deps", "onnxruntime", LibraryFileName);
            if (File.Exists(candidate))
            {
                return LoadFile(candidate, $"{candidate} (found above the app folder)");
            }
        }
        looked.Add($".deps/onnxruntime/{LibraryFileName} in {searchBase} and every folder above it");

        if (NativeLibrary.TryLoad(LibraryFileName, out nint system))
        {
            return Bind(system, $"{LibraryFileName} (system library path)", LibraryFileName);
        }
        looked.Add($"{LibraryFileName} on the system library path (LD_LIBRARY_PATH, ldconfig)");

        throw new OrtUnavailableException(
            $"ONNX Runtime ({LibraryFileName}) was not found. Looked at:{Environment.NewLine}  - "
            + string.Join(Environment.NewLine + "  - ", looked) + Environment.NewLine + WhatToDo);
    }

    private static Loaded LoadExplicit(string fileOrFolder, string source)
    {
        string file = Directory.Exists(fileOrFolder) ? System.IO.Path.Combine(fileOrFolder, LibraryFileName) : fileOrFolder;
        if (!File.Exists(file))
        {
            throw new OrtUnavailableException($"ONNX Runtime not found at {file} (from {source}). {WhatToDo}");
        }
        return LoadFile(System.IO.Path.GetFullPath(file), source);
    }

    private static Loaded LoadFile(string file, string source)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(file);
        }
        catch (DllNotFoundException e)
        {
            throw new OrtUnavailableException($"ONNX Runtime at {file} (from {source}) did not load: {e.Message.Trim()}. {WhatToDo}", e);
        }
        catch (BadImageFormatException e)
        {
            throw new OrtUnavailableException($"{file} (from {source}) is not a loadable x86-64 shared library: {e.Message.Trim()}. {WhatToDo}", e);
        }
        return Bind(handle, source, file);
    }

    private static Loaded Bind(nint library, string source, string path)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out nint getApiBase))
        {
            throw new OrtUnavailableException($"{path} (from {source}) does not export OrtGetApiBase; it is not ONNX Runtime. {WhatToDo}");
        }

        // OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
        string version = Utf8.Read(getVersion());

        uint apiVersion = PreferredApiVersion;
        nint* table = getApi(apiVersion);
        if (table == null)
        {
            apiVersion = MinimumApiVersion;
            table = getApi(apiVersion);
        }
        if (table == null)
        {
            throw new OrtUnavailableException(
                $"ONNX Runtime {version} at {path} is too old: it offers neither C API {PreferredApiVersion} nor {MinimumApiVersion}. {WhatToDo}");
        }

        string fullPath = path;
        if (!System.IO.Path.IsPathRooted(fullPath))
        {
            // Loaded by bare name: report where the loader found it when the export's module says so.
            fullPath = ResolveModulePath(getApiBase) ?? path;
        }
        return new Loaded(fullPath, version, apiVersion, new OrtApiTable(table));
    }

    private static string? ResolveModulePath(nint exportAddress)
    {
        // /proc/self/maps lists which file each mapped range comes from; cheap and only done once.
        try
        {
            ulong address = (ulong)exportAddress;
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int dash = line.IndexOf('-');
                int space = line.IndexOf(' ');
                if (dash <= 0 || space <= dash)
                {
                    continue;
                }
                ulong start = Convert.ToUInt64(line[..dash], 16);
                ulong end = Convert.ToUInt64(line[(dash + 1)..space], 16);
                if (address >= start && address < end)
                {
                    int slash = line.IndexOf('/');
                    return slash >= 0 ? line[slash..] : null;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    private sealed record Loaded(string Path, string Version, uint ApiVersion, OrtApiTable Api);
}
