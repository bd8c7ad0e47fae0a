using System.Reflection;
using System.Runtime.Loader;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Tests.Onnx;

/// <summary>
/// Library resolution, each test in a fresh load context: OrtLibrary's statics are per loaded assembly, so a private
/// copy of SccDm.Realtime.Native starts unloaded whatever the other tests did.
/// </summary>
public sealed class OrtLibraryResolutionTests
{
    [Fact]
    public void Configured_path_that_does_not_exist_is_an_error_naming_it_and_saying_what_to_do()
    {
        if (EnvironmentOverrides())
        {
            return;
        }
        var (ok, reason) = TryLoadIsolated("/nonexistent/ort-folder");
        Assert.False(ok);
        Assert.Contains("/nonexistent/ort-folder", reason);
        Assert.Contains("run .ci/setup", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(OrtLibrary.PathEnvironmentVariable, reason);
    }

    [Fact]
    public void Configured_folder_holding_the_library_is_used()
    {
        if (EnvironmentOverrides())
        {
            return;
        }
        string folder = Path.GetDirectoryName(OrtLibrary.LoadedFrom)!;
        var (ok, reason) = TryLoadIsolated(folder, out string? loadedFrom);
        Assert.True(ok, reason);
        Assert.Equal(Path.Combine(folder, OrtLibrary.LibraryFileName), loadedFrom);
    }

    private static bool EnvironmentOverrides() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OrtLibrary.PathEnvironmentVariable));

    private static (bool Ok, string? Reason) TryLoadIsolated(string configuredPath) => TryLoadIsolated(configuredPath, out _);

    private static (bool Ok, string? Reason) TryLoadIsolated(string configuredPath, out string? loadedFrom)
    {
        var context = new AssemblyLoadContext("ort-resolution", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(typeof(OrtLibrary).Assembly.Location);
            var library = assembly.GetType(typeof(OrtLibrary).FullName!)!;
            library.GetProperty(nameof(OrtLibrary.ConfiguredPath))!.SetValue(null, configuredPath);
            object?[] args = [null];
            bool ok = (bool)library.GetMethod(nameof(OrtLibrary.TryLoad), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args)!;
            loadedFrom = ok ? (string?)library.GetProperty(nameof(OrtLibrary.LoadedFrom))!.GetValue(null) : null;
            return (ok, (string?)args[0]);
        }
        finally
        {
            context.Unload();
        }
    }
}
