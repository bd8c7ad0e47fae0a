using System.Security.Cryptography;
using System.Text.Json;
using SccDm.Realtime.Models;

namespace SccDm.Realtime.Tests.Models;

/// <summary>The shipped models: the manifest matches the files, and every model meets its contract.</summary>
public class ManifestTests
{
    private static string ModelsDir => Path.Combine(RepoPaths.Root, "models");

    [Fact]
    public void ManifestListsEveryShippedModelWithItsSha256()
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ModelsDir, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("models").EnumerateArray().ToList();
        string[] onDisk = Directory.GetFiles(ModelsDir, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(onDisk, listed.Select(m => m.GetProperty("file").GetString()).Order(StringComparer.Ordinal));
        foreach (JsonElement m in listed)
        {
            string file = Path.Combine(ModelsDir, m.GetProperty("file").GetString()!);
            byte[] bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length <= 20 * 1024 * 1024, $"{file} is over 20 MB");
            Assert.Equal(m.GetProperty("bytes").GetInt64(), bytes.Length);
            Assert.Equal(m.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Theory]
    [InlineData("sccdm_kiosk.onnx", ModelKind.Denoiser)]
    [InlineData("foot_keypoints.onnx", ModelKind.Keypoints)]
    public void BundledModelsMeetTheContract(string file, ModelKind kind)
    {
        ModelCheckResult result = ModelInspector.Check(Path.Combine(ModelsDir, file));
        Assert.True(result.Ok, string.Join("; ", result.Problems));
        Assert.Equal(kind, result.Kind);
    }
}
