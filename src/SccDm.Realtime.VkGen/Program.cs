namespace SccDm.Realtime.VkGen;

/// <summary>
/// <c>dotnet run --project src/SccDm.Realtime.VkGen -- [vk.xml] [outDir]</c>.
/// With no arguments: reads the installed registry and rewrites src/SccDm.Realtime.Native/Vulkan/Generated in place.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["-h" or "--help", ..])
        {
            Console.WriteLine($"usage: {Generator.RegenerateCommand}");
            Console.WriteLine($"  vk.xml defaults to {Generator.DefaultRegistryPath}");
            Console.WriteLine("  outDir defaults to src/SccDm.Realtime.Native/Vulkan/Generated under the repository root");
            return 0;
        }

        var xmlPath = args.Length > 0 ? args[0] : Generator.DefaultRegistryPath;
        if (!File.Exists(xmlPath))
        {
            Console.Error.WriteLine($"vkgen: {xmlPath} not found (install libvulkan-dev, or pass the path to vk.xml)");
            return 2;
        }

        string outDir;
        if (args.Length > 1)
        {
            outDir = args[1];
        }
        else if (FindRepoRoot() is { } root)
        {
            outDir = Path.Combine(root, "src", "SccDm.Realtime.Native", "Vulkan", "Generated");
        }
        else
        {
            Console.Error.WriteLine("vkgen: cannot find SccDm.Realtime.sln above the current directory; pass outDir explicitly");
            return 2;
        }

        var files = Generator.Generate(xmlPath);
        Directory.CreateDirectory(outDir);

        // Files from an earlier run that the generator no longer produces would otherwise linger and still compile.
        foreach (var stale in Directory.EnumerateFiles(outDir, "*.cs"))
        {
            if (!files.ContainsKey(Path.GetFileName(stale)))
            {
                File.Delete(stale);
                Console.WriteLine($"vkgen: removed {stale}");
            }
        }

        foreach (var (name, text) in files)
        {
            var path = Path.Combine(outDir, name);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            File.WriteAllBytes(path, bytes);
            Console.WriteLine($"vkgen: wrote {path}");
        }

        Console.WriteLine($"vkgen: {files.Count} files up to date in {outDir}");
        return 0;
    }

    private static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SccDm.Realtime.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
