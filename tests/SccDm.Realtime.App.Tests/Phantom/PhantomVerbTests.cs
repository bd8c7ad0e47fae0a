using System.CommandLine;
using System.Reflection;
using System.Text.Json;

namespace SccDm.Realtime.App.Tests.Phantom;

/// <summary>Runs `sccdm phantom` in-process through the real command definition.</summary>
public class PhantomVerbTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        // PhantomVerb is internal to the app; reach it by name so the test drives exactly what Cli registers.
        var type = Assembly.Load("sccdm").GetType("SccDm.Realtime.App.Verbs.PhantomVerb", throwOnError: true)!;
        var command = (Command)type.GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(null, null)!;
        var root = new RootCommand("test") { command };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = root.Parse(["phantom", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void WritesTheDatasetLayout()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sccdm-verb-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = Run("--out", dir, "--count", "2", "--size", "128", "--split", "test", "--seed", "7");
            Assert.True(exit == 0, stderr);
            Assert.Contains("samples/s", stdout);
            string sample = Path.Combine(dir, "test", "test_000008");
            Assert.True(File.Exists(Path.Combine(sample, "original.png")));
            Assert.True(File.Exists(Path.Combine(sample, "xray.png")));
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sample, "keypoints.json")));
            foreach (string key in new[] { "id", "seed", "size", "phantom_version", "keypoints", "angles", "grades", "params" })
            {
                Assert.True(json.RootElement.TryGetProperty(key, out _), $"keypoints.json lacks '{key}'");
            }

            Assert.Equal(2_000_000_008, json.RootElement.GetProperty("seed").GetInt64());
            Assert.Equal(10, json.RootElement.GetProperty("keypoints").GetArrayLength());
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
    public void CeilingPrintsOneRerenderAndTheMeanOfThem()
    {
        var (exit, stdout, stderr) = Run("--ceiling", "--count", "2", "--draws", "3", "--size", "128", "--split", "test");
        Assert.True(exit == 0, stderr);
        Assert.Contains("phantom ceiling: 2 test samples at 128x128, 3 re-renders", stdout);
        string[] lines = stdout.Split('\n');
        double Ssim(string label) => double.Parse(lines.Single(l => l.Contains(label)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(Ssim("one re-render"), 0.3, 0.99);
        Assert.InRange(Ssim("(the ceiling)"), Ssim("one re-render"), 0.999);
        var (bad, _, err) = Run("--ceiling", "--draws", "0");
        Assert.Equal(2, bad);
        Assert.Contains("--draws", err);
    }

    [Fact]
    public void BadSizeIsAClearErrorWithoutStackTrace()
    {
        var (exit, _, stderr) = Run("--out", Path.GetTempPath(), "--count", "1", "--size", "300");
        Assert.Equal(2, exit);
        Assert.Contains("128, 256, 512", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("--count", "0", "--count")]
    [InlineData("--split", "holdout", "train, val or test")]
    public void OtherBadInputIsRejected(string option, string value, string expected)
    {
        var (exit, _, stderr) = Run("--out", Path.GetTempPath(), option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void UnwritableOutputIsAnOutputError()
    {
        string file = Path.GetTempFileName();
        try
        {
            // A regular file where the dataset directory should be.
            var (exit, _, stderr) = Run("--out", file, "--count", "1", "--size", "128");
            Assert.Equal(3, exit);
            Assert.Contains("cannot write", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void HelpTeachesWithAnExample()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("sccdm phantom --out", stdout);
        Assert.Contains("--split", stdout);
    }
}
