using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// What an error panel says when a part of the kiosk stopped (the model did not load, synthesis or capture
/// failed): a title, the reason, and what to do. The kiosk stays up and shows it in place of that part's image.
/// </summary>
/// <param name="Title">One short line ("The model could not be loaded").</param>
/// <param name="Reason">The failure's own message (may be long; the panel wraps it).</param>
/// <param name="Hint">What the operator can do about it.</param>
/// <param name="ExitCode">The exit code the run ends with because of it (<see cref="ExitCodes"/>).</param>
internal sealed record KioskFault(string Title, string Reason, string Hint, int ExitCode)
{
    /// <summary>The panel for a synthesizer that failed to load or failed while running.</summary>
    public static KioskFault ForSynthesis(Exception e) => e switch
    {
        ModelLoadException or ModelContractException => new KioskFault(
            "The model could not be loaded",
            e.Message,
            "Point --model (or SCCDM_MODEL, or \"model\" in the config) at a working SCCDM model, or remove it to use the bundled one; then restart. `sccdm doctor` checks models.",
            ExitCodes.BadModel),
        OrtUnavailableException => new KioskFault(
            "ONNX Runtime is missing",
            e.Message,
            "Install ONNX Runtime (run .ci/setup) or set SCCDM_ORT_PATH, then restart.",
            ExitCodes.MissingDependency),
        _ => new KioskFault(
            "Synthesis stopped",
            e.Message,
            "The camera keeps running. Restart the kiosk; if this happens again, run `sccdm doctor` and report this message.",
            ExitCodes.Failure),
    };

    /// <summary>The panel for a frame source that failed for good (live sources retry by themselves before that).</summary>
    public static KioskFault ForCapture(Exception e) => new(
        "The camera stopped",
        e.Message,
        "Check the camera or the --source, then restart. `sccdm doctor` lists cameras.",
        e is FrameSourceException ? ExitCodes.Usage : ExitCodes.Failure);

    /// <summary>One line for the terminal: "title: reason" with the reason's line breaks folded.</summary>
    public string OneLine => $"{Title}: {Reason.ReplaceLineEndings(" ")}";
}
