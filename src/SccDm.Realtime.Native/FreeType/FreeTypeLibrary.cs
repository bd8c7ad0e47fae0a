namespace SccDm.Realtime.Native.FreeType;

/// <summary>A FreeType library instance (<c>FT_Library</c>). Not thread-safe; faces opened from it must be disposed first.</summary>
public sealed unsafe class FreeTypeLibrary : IDisposable
{
    private nint _handle;

    private FreeTypeLibrary(nint handle) => _handle = handle;

    /// <summary>Initializes FreeType.</summary>
    /// <exception cref="FreeTypeException">libfreetype.so.6 is missing or failed to initialize.</exception>
    public static FreeTypeLibrary Create()
    {
        nint library;
        int error;
        try
        {
            error = FreeTypeNative.FT_Init_FreeType(&library);
        }
        catch (DllNotFoundException e)
        {
            throw new FreeTypeException($"{FreeTypeNative.Lib} is missing: install the Debian package libfreetype6 (run .ci/setup).", 0, e);
        }
        if (error != 0)
        {
            throw new FreeTypeException($"FT_Init_FreeType failed with FreeType error {error}", error);
        }
        return new FreeTypeLibrary(library);
    }

    /// <summary>FreeType's run-time version, e.g. (2, 12, 1).</summary>
    public (int Major, int Minor, int Patch) Version
    {
        get
        {
            int major, minor, patch;
            FreeTypeNative.FT_Library_Version(Handle, &major, &minor, &patch);
            return (major, minor, patch);
        }
    }

    internal nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(FreeTypeLibrary));

    /// <summary>Opens face 0 of the font file at <paramref name="path"/>.</summary>
    /// <exception cref="FreeTypeException">The file is missing or not a font FreeType can read; the message names it.</exception>
    public FreeTypeFace OpenFace(string path) => FreeTypeFace.Open(this, path);

    /// <inheritdoc />
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            FreeTypeNative.FT_Done_FreeType(handle);
        }
    }
}
