using System.CommandLine;
using SccDm.Realtime.App.Verbs;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.App;

/// <summary>Builds the `sccdm` command tree and turns failures a user can cause into one-line messages and exit codes.</summary>
internal static class Cli
{
    private const string Description =
        """
        sccdm: real-time synthetic radiography of the foot with SCCDM (ONNX Runtime + Vulkan).
        Every image it makes is SYNTHETIC and NOT FOR DIAGNOSIS.

        Start here:
          sccdm demo       the kiosk on the bundled model and the synthetic phantom camera
          sccdm run        the kiosk on another source (--source phantom:SEED); --record DIR records the session
          sccdm replay     a recorded session through the pipeline again; --compare reports the drift
          sccdm doctor     check this machine and say what is missing
          sccdm frame      one frame through ORT, Vulkan compute and graphics to a PNG
          sccdm phantom    make procedural foot datasets and contact sheets
          sccdm synth      one photo in, one synthetic X-ray out
          sccdm bench      profile the pipeline: per-stage timings, latency, trace, plot
          sccdm eval       score the synthesizer on a dataset (SSIM, PSNR, MAE, KCC, angles)

        Configuration: ~/.config/sccdm/config.json or SCCDM_CONFIG; SCCDM_ORT_PATH points at another ONNX Runtime
        (a CUDA build, say). Exit codes: 0 ok, 1 unexpected error, 2 bad arguments, 3 missing dependency,
        4 bad model, 5 file error, 130 interrupted.
        """;

    /// <summary>Parses and runs <paramref name="args"/>, returning the process exit code.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand(Description)
        {
            BenchVerb.Create(),
            DoctorVerb.Create(),
            EvalVerb.Create(),
            FrameVerb.Create(),
            PhantomVerb.Create(),
            SynthVerb.Create(),
            DemoVerb.Create(),
            RunVerb.Create(),
            ReplayVerb.Create(),
        };
        ParseResult parse = root.Parse(args);
        try
        {
            int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            return parse.Errors.Count > 0 ? ExitCodes.Usage : code;
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            System.Console.Error.WriteLine($"sccdm: {failure.Message}");
            return failure.Code;
        }
    }

    /// <summary>Maps an exception a user can cause to its exit code and message; null for bugs (they keep their stack trace).</summary>
    internal static (int Code, string Message)? Classify(Exception e) => e switch
    {
        OrtUnavailableException or GpuUnavailableException or FontUnavailableException or DllNotFoundException => (ExitCodes.MissingDependency, e.Message),
        ModelContractException or ModelLoadException => (ExitCodes.BadModel, e.Message),
        AppConfigException or Kiosk.FrameSourceException => (ExitCodes.Usage, e.Message),
        PngException or IOException or UnauthorizedAccessException => (ExitCodes.Io, e.Message),
        VulkanException => (ExitCodes.Failure, $"{e.Message} (run `sccdm doctor`)"),
        OnnxRuntimeException => (ExitCodes.Failure, $"ONNX Runtime: {e.Message}"),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        _ => null,
    };
}
