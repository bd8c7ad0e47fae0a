using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Phantom;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Creates the kiosk's <see cref="IFrameSynthesizer"/>, the one place that chooses it (config key
/// <c>synthesizer</c> or <c>SCCDM_SYNTHESIZER</c>):
/// <list type="bullet">
/// <item><c>auto</c> (default): the SCCDM model with the sampler on the Vulkan device; on a machine without one,
/// the same model with the sampler in C#, saying why.</item>
/// <item><c>vulkan</c> / <c>cpu</c>: only that path.</item>
/// <item><c>stand-in</c>: no model at all, a labelled imitation for UI work and UI tests.</item>
/// </list>
/// </summary>
internal static class SynthesizerFactory
{
    /// <summary>Creates the synthesizer for frames from <paramref name="source"/>.</summary>
    /// <param name="config">Model paths, provider, threads and the synthesizer choice.</param>
    /// <param name="source">The frame source (the stand-in reads the phantom camera's ground truth through it).</param>
    /// <param name="simulateModelCost">Stand-in only: take about as long per network pass as the kiosk model.</param>
    /// <param name="validation">Enable the Vulkan validation layer on the synthesizer's device.</param>
    /// <param name="log">Where to say what was created and why.</param>
    /// <param name="profiler">Receives the synthesizer's own stages (cond, net, shaders, keypoints…), when given.</param>
    public static IFrameSynthesizer Create(AppConfig config, IFrameSource source, bool simulateModelCost, bool validation, TextWriter log, FrameProfiler? profiler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(log);

        string mode = config.Synthesizer.Trim().ToLowerInvariant();
        if (mode is "stand-in" or "standin")
        {
            var standIn = new StandInSynthesizer((source as PhantomCamera)?.Options, simulateModelCost ? StandInSynthesizer.DefaultSimulatedPassMs : 0);
            log.WriteLine($"synthesizer: STAND-IN ({standIn.Info.ModelName}): not the SCCDM model (synthesizer = stand-in).");
            return standIn;
        }
        if (mode is not ("auto" or "vulkan" or "cpu"))
        {
            throw new AppConfigException($"unknown synthesizer '{config.Synthesizer}': use auto, vulkan, cpu or stand-in");
        }

        if (config.OrtPath is { } ortPath)
        {
            OrtLibrary.ConfiguredPath = ortPath;
        }
        var modelOptions = new ModelOptions
        {
            ExecutionProvider = ParseProvider(config.Provider),
            IntraOpNumThreads = config.Threads,
            IntraOpSpinning = config.Spinning,
        };
        DenoiserModel? denoiser = null;
        KeypointModel? keypoints = null;
        GpuDevice? device = null;
        try
        {
            denoiser = DenoiserModel.Open(BundledPaths.Denoiser(config), modelOptions);
            string keypointPath = BundledPaths.Keypoints(config);
            if (File.Exists(keypointPath))
            {
                keypoints = KeypointModel.Open(keypointPath, modelOptions);
            }
            else
            {
                log.WriteLine($"synthesizer: no keypoint detector at {keypointPath}: no skeleton, KCC or angles (set SCCDM_KEYPOINT_MODEL).");
            }

            IFrameSynthesizer inner;
            if (mode != "cpu")
            {
                try
                {
                    device = GpuDevice.Create(new GpuDeviceOptions { EnableValidation = validation, ApplicationName = "sccdm synthesis" });
                    inner = new VulkanFrameSynthesizer(device, denoiser, keypoints, profiler, line => log.WriteLine($"synthesizer: {line}"));
                }
                catch (GpuUnavailableException e) when (mode == "auto")
                {
                    log.WriteLine($"synthesizer: no Vulkan device for the sampler ({e.Message}); running its steps in C# instead.");
                    device?.Dispose();
                    device = null;
                    inner = new CpuFrameSynthesizer(denoiser, keypoints, profiler);
                }
            }
            else
            {
                inner = new CpuFrameSynthesizer(denoiser, keypoints, profiler);
            }
            log.WriteLine($"synthesizer: {inner.Info.ModelName} on {inner.Info.ExecutionProvider}; sampler on {inner.Info.Device}.");
            if (modelOptions.ExecutionProvider == ExecutionProviderRequest.Cuda)
            {
                // Asked for CUDA explicitly: say what happened (auto stays quiet; `sccdm doctor` explains).
                log.WriteLine($"synthesizer: {inner.Info.ProviderReason}");
            }
            return new OwningSynthesizer(inner, device, denoiser, keypoints);
        }
        catch
        {
            device?.Dispose();
            keypoints?.Dispose();
            denoiser?.Dispose();
            throw;
        }
    }

    private static ExecutionProviderRequest ParseProvider(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "auto" or "" => ExecutionProviderRequest.Auto,
        "cpu" => ExecutionProviderRequest.Cpu,
        "cuda" => ExecutionProviderRequest.Cuda,
        _ => throw new AppConfigException($"unknown provider '{provider}': use auto, cpu or cuda"),
    };
}
