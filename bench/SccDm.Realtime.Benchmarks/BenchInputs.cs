namespace SccDm.Realtime.Benchmarks;

/// <summary>Paths to the repository's models and deterministic inputs.</summary>
internal static class BenchInputs
{
    /// <summary>The folder holding SccDm.Realtime.sln, found above the running assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped kiosk denoiser.</summary>
    public static string KioskModel => Path.Combine(Root, "models", "sccdm_kiosk.onnx");

    /// <summary>A model by short name: "kiosk" (shipped, 128²) or "tiny" (tests/fixtures/tiny_denoiser.onnx).</summary>
    public static string Model(string name) => name switch
    {
        "kiosk" => KioskModel,
        "tiny" => Path.Combine(Root, "tests", "fixtures", "tiny_denoiser.onnx"),
        _ => throw new ArgumentException($"unknown model '{name}': use kiosk or tiny", nameof(name)),
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SccDm.Realtime.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"SccDm.Realtime.sln not found above {AppContext.BaseDirectory}: run the benchmarks from the repository");
    }
}
