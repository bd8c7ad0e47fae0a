using System.Diagnostics;
using SccDm.Realtime.Tests;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>
/// Where the NativeAOT library is (artifacts/native, published by .ci/test before the tests) and how to build and
/// run the C host against it. A missing library fails the test with the command that builds it: never a skip.
/// </summary>
internal static class NativeLibraryBuild
{
    public const string PublishCommand =
        "dotnet publish src/SccDm.Realtime.Interop -c Release -r linux-x64 -p:SccDmNativeAot=true -o artifacts/native";

    public static string Directory => Path.Combine(RepoPaths.Root, "artifacts", "native");

    public static string LibraryPath => Path.Combine(Directory, "libsccdm_realtime.so");

    public static string IncludeDirectory => Path.Combine(RepoPaths.Root, "src", "SccDm.Realtime.Interop", "include");

    /// <summary>The library's path; fails the test when it was not built.</summary>
    public static string RequireLibrary()
    {
        Assert.True(File.Exists(LibraryPath),
            $"{LibraryPath} is missing: the C ABI tests need the NativeAOT library. Build it with `{PublishCommand}` (.ci/test does this before the tests).");
        return LibraryPath;
    }

    /// <summary>Runs a process to completion; returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR")))
        {
            string runtime = Path.Combine(Path.GetTempPath(), $"xdg-runtime-{Environment.UserName}");
            System.IO.Directory.CreateDirectory(runtime);
            info.Environment["XDG_RUNTIME_DIR"] = runtime;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{file} did not finish within {timeout}:\n{stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
