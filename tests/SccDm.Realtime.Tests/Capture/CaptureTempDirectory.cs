namespace SccDm.Realtime.Tests.Capture;

/// <summary>A temporary folder deleted with the test.</summary>
internal sealed class CaptureTempDirectory : IDisposable
{
    public CaptureTempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sccdm-capture-" + Guid.NewGuid().ToString("N")[..8]);
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
