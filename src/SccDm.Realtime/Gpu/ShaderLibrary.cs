namespace SccDm.Realtime.Gpu;

/// <summary>
/// SPIR-V compiled at build time from shaders/*.comp|*.vert|*.frag (glslc + spirv-val, see SccDm.Realtime.csproj)
/// and embedded as resources named <c>shaders/&lt;file&gt;.spv</c>.
/// </summary>
public static class ShaderLibrary
{
    private const string Prefix = "shaders/";
    private const string Suffix = ".spv";

    /// <summary>
    /// The SPIR-V bytes of a shader. <paramref name="name"/> may be the source file name
    /// (<c>gaussian_blur.comp</c>), the .spv name, or the full resource name (<c>shaders/gaussian_blur.comp.spv</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such embedded shader; the message lists the available ones.</exception>
    public static byte[] Load(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var resource = name.StartsWith(Prefix, StringComparison.Ordinal) ? name : Prefix + name;
        if (!resource.EndsWith(Suffix, StringComparison.Ordinal))
        {
            resource += Suffix;
        }

        using var stream = typeof(ShaderLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"no embedded shader '{resource}'; available: {string.Join(", ", Names)}", resource);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The embedded shaders' source file names (e.g. <c>gaussian_blur.comp</c>), sorted.</summary>
    public static IReadOnlyList<string> Names =>
        typeof(ShaderLibrary).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^Suffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();
}
