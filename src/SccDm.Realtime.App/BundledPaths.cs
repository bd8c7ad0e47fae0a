namespace SccDm.Realtime.App;

/// <summary>Where the app finds what ships with it: the bundled models and the tiny fixture model.</summary>
internal static class BundledPaths
{
    /// <summary>The bundled kiosk denoiser's file name.</summary>
    public const string DenoiserFile = "sccdm_kiosk.onnx";

    /// <summary>The bundled keypoint detector's file name.</summary>
    public const string KeypointFile = "foot_keypoints.onnx";

    /// <summary>Folder of the bundled models (copied next to the app at build).</summary>
    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The tiny test-fixture denoiser used by `sccdm frame`.</summary>
    public static string FixtureDenoiser => Path.Combine(AppContext.BaseDirectory, "fixtures", "tiny_denoiser.onnx");

    /// <summary>The denoiser to use: the configured one, else the bundled one.</summary>
    public static string Denoiser(AppConfig config) => config.Model ?? Path.Combine(ModelsDirectory, DenoiserFile);

    /// <summary>The keypoint detector to use: the configured one, else the bundled one.</summary>
    public static string Keypoints(AppConfig config) => config.KeypointModel ?? Path.Combine(ModelsDirectory, KeypointFile);
}
