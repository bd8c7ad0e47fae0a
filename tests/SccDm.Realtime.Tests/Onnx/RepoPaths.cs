namespace SccDm.Realtime.Tests;

/// <summary>Finds the repository from a test's output folder, so tests can load committed fixtures.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The folder that holds SccDm.Realtime.sln.</summary>
    public static string Root => _root.Value;

    /// <summary>tests/fixtures.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>A file in tests/fixtures.</summary>
    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SccDm.Realtime.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"SccDm.Realtime.sln not found in {AppContext.BaseDirectory} or any folder above it");
    }
}
