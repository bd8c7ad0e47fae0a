using SccDm.Realtime.VkGen.Model;

namespace SccDm.Realtime.VkGen;

/// <summary>
/// Entry point of the binding generator: reads vk.xml and returns the generated C# files, keyed by file name.
/// The output depends only on the registry and the checked-in lists (commands.txt, types.txt), never on time or
/// paths, so a test can compare it byte for byte with the committed files.
/// </summary>
public static class Generator
{
    /// <summary>Default registry location on Debian (package libvulkan-dev).</summary>
    public const string DefaultRegistryPath = "/usr/share/vulkan/registry/vk.xml";

    /// <summary>The documented regenerate command, repeated in every generated file.</summary>
    public const string RegenerateCommand = "dotnet run --project src/SccDm.Realtime.VkGen -- [vk.xml] [outDir]";

    /// <summary>Generates the binding for the commands and extra types listed in the embedded commands.txt / types.txt.</summary>
    public static IReadOnlyDictionary<string, string> Generate(string xmlPath) =>
        Generate(xmlPath, ReadList("commands.txt"), ReadList("types.txt"));

    /// <summary>Generates the binding for the given commands (e.g. <c>vkCreateInstance</c>) and extra types (e.g. <c>VkPhysicalDeviceVulkan13Features</c>).</summary>
    public static IReadOnlyDictionary<string, string> Generate(string xmlPath, IEnumerable<string> commands, IEnumerable<string> extraTypes)
    {
        var registry = Registry.Load(xmlPath);
        var emitter = new Emitter(registry, commands.ToList(), extraTypes.ToList());
        return emitter.Emit();
    }

    /// <summary>The lists are embedded in this assembly so that the in-process staleness test sees exactly what the tool uses.</summary>
    internal static IReadOnlyList<string> ReadList(string fileName)
    {
        using var stream = typeof(Generator).Assembly.GetManifestResourceStream($"SccDm.Realtime.VkGen.{fileName}")
            ?? throw new InvalidOperationException($"embedded resource {fileName} missing");
        using var reader = new StreamReader(stream);
        var items = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Split('#')[0].Trim();
            if (trimmed.Length > 0)
            {
                items.Add(trimmed);
            }
        }

        return items;
    }
}
