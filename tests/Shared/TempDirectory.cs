namespace SccDm.Realtime.Testing;

/// <summary>A unique temporary folder, <c>sccdm-NAME-…</c> under the system's temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string name = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sccdm-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
