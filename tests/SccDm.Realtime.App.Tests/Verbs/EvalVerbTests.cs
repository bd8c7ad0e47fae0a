using System.Text.Json;

namespace SccDm.Realtime.App.Tests.Verbs;

public class EvalVerbTests
{
    [Fact]
    public void ScoresAPhantomSplitAndWritesTheJsonKeysAndWorstCases()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sccdm-eval-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(ExitCodes.Ok, Cli.Run(["phantom", "--out", dir, "--count", "3", "--size", "128", "--split", "test"]));
            string json = Path.Combine(dir, "eval.json");
            string worst = Path.Combine(dir, "worst.png");
            int code = Cli.Run(["eval", "--data", dir, "--json", json, "--worst", worst,
                "--model", Path.Combine(FixturePaths.Root, "tiny_denoiser.onnx"),
                "--keypoint-model", Path.Combine(FixturePaths.Root, "tiny_keypoints.onnx")]);
            Assert.Equal(ExitCodes.Ok, code);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
            JsonElement root = doc.RootElement;
            foreach (string key in new[] { "ssim", "psnr", "mae", "kcc", "hva_mae", "ima_mae", "grade_agreement", "hva_grade_agreement", "ima_grade_agreement" })
            {
                Assert.True(root.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number, $"'{key}' missing or not a number");
            }
            double both = root.GetProperty("grade_agreement").GetDouble();
            Assert.True(both <= root.GetProperty("hva_grade_agreement").GetDouble() && both <= root.GetProperty("ima_grade_agreement").GetDouble(), "both grades cannot agree more often than one");
            Assert.InRange(root.GetProperty("detector_on_ground_truth").GetProperty("grade_agreement").GetDouble(), 0, 1);
            Assert.Equal(3, root.GetProperty("count").GetInt32());
            Assert.Equal(3, root.GetProperty("samples").GetArrayLength());
            Assert.Equal(3, root.GetProperty("requested").GetInt32());
            Assert.False(File.Exists(json + ".tmp"), "the JSON is rewritten after each sample through a temporary file that must not stay behind");
            Assert.InRange(root.GetProperty("ssim").GetDouble(), -1, 1);
            Assert.InRange(root.GetProperty("mae").GetDouble(), 0, 1);
            Assert.True(File.Exists(worst));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void AMissingDatasetIsAFileErrorAndABadSamplerAUsageError()
    {
        Assert.Equal(ExitCodes.Io, Cli.Run(["eval", "--data", "/nonexistent/dataset", "--model", Path.Combine(FixturePaths.Root, "tiny_denoiser.onnx")]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["eval", "--data", "/tmp", "--sampler", "bogus"]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["eval", "--data", "/tmp", "--psi", "-1"]));
    }
}
