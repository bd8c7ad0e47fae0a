using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace SccDm.Realtime.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, with every job run in this process (no generated project to build: on a
/// two-core machine that build costs more than the benchmarks; --outOfProcess turns that off). Example:
///   dotnet run -c Release --project bench/SccDm.Realtime.Benchmarks -- --filter '*' --job short
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // In process unless asked otherwise: the jobs (--job short, ...) keep their run settings.
        string[] effective = args.Contains("--inProcess") || args.Contains("--outOfProcess")
            ? args.Where(a => a != "--outOfProcess").ToArray()
            : [.. args, "--inProcess"];
        IConfig config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(effective, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
