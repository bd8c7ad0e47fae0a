using SccDm.Realtime.Evaluation;

namespace SccDm.Realtime.Tests.Evaluation;

public class EvaluationSummaryTests
{
    private static EvaluationSample Sample(string id, bool? hva, bool? ima, bool? truth, double psnr = 30) => new()
    {
        Id = id,
        Psnr = psnr,
        HvaGradeAgrees = hva,
        ImaGradeAgrees = ima,
        GradesAgree = hva is { } h && ima is { } i ? h && i : null,
        GroundTruthGradesAgree = truth,
    };

    [Fact]
    public void GradeSharesCountOnlySamplesThatHaveTheFlag()
    {
        var summary = EvaluationSummary.From(
        [
            Sample("a", true, true, true),
            Sample("b", true, false, true),
            Sample("c", false, true, false),
            Sample("d", true, true, true),
            Sample("e", null, null, null), // no keypoints.json: left out, not counted as a disagreement
        ], TimeSpan.FromSeconds(2));
        Assert.Equal(5, summary.Count);
        Assert.Equal(0.5, summary.GradeAgreement, 12);
        Assert.Equal(0.75, summary.HvaGradeAgreement, 12);
        Assert.Equal(0.75, summary.ImaGradeAgreement, 12);
        Assert.Equal(0.75, summary.GroundTruthGradeAgreement, 12);
        Assert.Equal(2.5, summary.SamplesPerSecond, 12);
    }

    [Fact]
    public void AnIdenticalImageIsLeftOutOfThePsnrMean()
    {
        var summary = EvaluationSummary.From([Sample("a", null, null, null, 20), Sample("b", null, null, null, double.PositiveInfinity)], TimeSpan.Zero);
        Assert.Equal(20, summary.Psnr, 12);
        Assert.True(double.IsNaN(summary.GradeAgreement));
        Assert.Equal(0, summary.SamplesPerSecond);
    }
}
