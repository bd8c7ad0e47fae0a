namespace SccDm.Realtime.App.Tests.Verbs;

/// <summary>The repository's tests/fixtures folder, found by walking up to the solution file.</summary>
internal static class FixturePaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SccDm.Realtime.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }
        throw new InvalidOperationException("SccDm.Realtime.sln not found above " + AppContext.BaseDirectory);
    }
}
