namespace SccDm.Realtime.App.Tests.Kiosk;

/// <summary>A temporary folder deleted with the test.</summary>
internal sealed class KioskTempDirectory : IDisposable
{
    public KioskTempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sccdm-kiosk-" + Guid.NewGuid().ToString("N")[..8]);
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
