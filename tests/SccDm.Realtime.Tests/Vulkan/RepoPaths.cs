namespace SccDm.Realtime.Tests.Vulkan;

/// <summary>Locates the repository (the directory holding SccDm.Realtime.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SccDm.Realtime.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"SccDm.Realtime.sln not found above {AppContext.BaseDirectory}");
        }
    }

    public static string GeneratedVulkanDir => Path.Combine(Root, "src", "SccDm.Realtime.Native", "Vulkan", "Generated");
}
