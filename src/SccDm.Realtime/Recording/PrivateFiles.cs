namespace SccDm.Realtime.Recording;

/// <summary>
/// Recordings are patient data: folders are created owner-only (0700) and files owner-only (0600). The mode is given
/// at creation (so the file is never briefly readable by others) and set again afterwards, so a permissive or unusual
/// umask cannot widen or narrow it.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700 folders; an existing folder keeps its mode.</summary>
    public static void CreateFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        string? parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            CreateFolder(parent);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        Directory.CreateDirectory(full, FolderMode);
        SetMode(full, FolderMode);
    }

    /// <summary>Creates a new 0600 file for writing; fails if it exists. <paramref name="bufferSize"/> 0 writes straight through.</summary>
    public static FileStream CreateFile(string path, int bufferSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(path);
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        var stream = new FileStream(path, options);
        SetMode(path, FileMode);
        return stream;
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="bytes"/> through a 0600 temporary file and a rename, so a
    /// reader (or a crash) sees the old or the new content, never half of it.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = CreateFile(temp))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
