using SccDm.Realtime.App.Doctor;
using SccDm.Realtime.App.Verbs;

namespace SccDm.Realtime.App.Tests.Verbs;

[Collection(DisplayCollection.Name)]
public class DoctorTests
{
    [Fact]
    public void FindsLavapipeOrtAndFfmpegOnThisMachine()
    {
        IReadOnlyList<DoctorCheck> checks = DoctorReport.Run(new AppConfig());
        DoctorCheck vulkan = Assert.Single(checks, c => c.Area == "Vulkan device");
        Assert.Equal(CheckStatus.Ok, vulkan.Status);
        Assert.Contains("software", vulkan.Detail);
        DoctorCheck ort = Assert.Single(checks, c => c.Area == "ONNX Runtime");
        Assert.Equal(CheckStatus.Ok, ort.Status);
        Assert.Contains("1.30", ort.Detail);
        // No GPU here: CUDA is a warning with ORT's reason, never a failure.
        DoctorCheck cuda = Assert.Single(checks, c => c.Area == "CUDA");
        Assert.Equal(CheckStatus.Warn, cuda.Status);
        Assert.Contains("falling back to CPU", cuda.Detail);
        Assert.Equal(CheckStatus.Ok, Assert.Single(checks, c => c.Area == "ffmpeg").Status);
    }

    [Fact]
    public void AMissingModelIsReportedWithItsPathAndFix()
    {
        var config = new AppConfig { Model = "/nowhere/model.onnx" };
        DoctorCheck model = Assert.Single(DoctorReport.Run(config), c => c.Area == "Model (denoiser)");
        Assert.Equal(CheckStatus.Missing, model.Status);
        Assert.Contains("/nowhere/model.onnx", model.Detail);
        Assert.Contains("SCCDM_MODEL", model.Fix);
    }

    [Fact]
    public void AWrongContractModelIsMissingWithTheTensorNamed()
    {
        var config = new AppConfig { Model = Path.Combine(FixturePaths.Root, "wrong_contract.onnx") };
        DoctorCheck model = Assert.Single(DoctorReport.Run(config), c => c.Area == "Model (denoiser)");
        Assert.Equal(CheckStatus.Missing, model.Status);
        Assert.Contains("eps", model.Detail);
    }

    [Fact]
    public void TheReportWrapsAndShowsFixesOnlyForProblems()
    {
        var writer = new StringWriter();
        DoctorVerb.WriteReport(
            [new DoctorCheck("A", CheckStatus.Ok, "fine", "never shown"), new DoctorCheck("Longer", CheckStatus.Missing, string.Join(' ', Enumerable.Repeat("word", 40)), "install it")],
            writer, 80);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("never shown", writer.ToString());
        Assert.Contains(lines, l => l.Trim() == "fix: install it");
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 80, $"line too long: {l}"));
    }
}
