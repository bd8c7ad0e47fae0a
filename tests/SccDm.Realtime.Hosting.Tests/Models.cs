using SccDm.Realtime.Tests;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>The shipped models (what an engine embeds) and the tiny fixtures (fast checks of the API's rules).</summary>
internal static class Models
{
    public static string Denoiser => Path.Combine(RepoPaths.Root, "models", "sccdm_kiosk.onnx");

    public static string Keypoints => Path.Combine(RepoPaths.Root, "models", "foot_keypoints.onnx");

    public static string TinyDenoiser => RepoPaths.Fixture("tiny_denoiser.onnx");

    public static string TinyKeypoints => RepoPaths.Fixture("tiny_keypoints.onnx");
}

/// <summary>Where the hosts' images go (artifacts/hosting, ignored by git): look at them after a run.</summary>
internal static class HostArtifacts
{
    public static string Directory
    {
        get
        {
            string dir = Path.Combine(RepoPaths.Root, "artifacts", "hosting");
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
