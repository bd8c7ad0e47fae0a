namespace SccDm.Realtime.Evaluation;

/// <summary>One dataset sample's results.</summary>
public sealed record EvaluationSample
{
    /// <summary>Sample id (folder name).</summary>
    public required string Id { get; init; }
    /// <summary>SSIM of the synthesized X-ray against the real one, intensities in [0, 1].</summary>
    public double Ssim { get; init; }
    /// <summary>PSNR in dB, intensities in [0, 1].</summary>
    public double Psnr { get; init; }
    /// <summary>MAE, intensities in [0, 1].</summary>
    public double Mae { get; init; }
    /// <summary>KCC of the detector on the synthesized X-ray (NaN without a detector).</summary>
    public double Kcc { get; init; } = double.NaN;
    /// <summary>|HVA − ground truth| from the synthesized X-ray, degrees.</summary>
    public double HvaError { get; init; } = double.NaN;
    /// <summary>|IMA − ground truth| from the synthesized X-ray, degrees.</summary>
    public double ImaError { get; init; } = double.NaN;
    /// <summary>Both grades equal the ground truth's (synthesized X-ray).</summary>
    public bool? GradesAgree { get; init; }
    /// <summary>The HVA grade equals the ground truth's (synthesized X-ray).</summary>
    public bool? HvaGradeAgrees { get; init; }
    /// <summary>The IMA grade equals the ground truth's (synthesized X-ray).</summary>
    public bool? ImaGradeAgrees { get; init; }
    /// <summary>Both grades from the ground-truth X-ray's detections equal the ground truth's.</summary>
    public bool? GroundTruthGradesAgree { get; init; }
    /// <summary>Fraction of keypoints within 2% of the image size on the ground-truth X-ray.</summary>
    public double GroundTruthPck { get; init; } = double.NaN;
    /// <summary>|HVA − ground truth| from the ground-truth X-ray, degrees.</summary>
    public double GroundTruthHvaError { get; init; } = double.NaN;
    /// <summary>|IMA − ground truth| from the ground-truth X-ray, degrees.</summary>
    public double GroundTruthImaError { get; init; } = double.NaN;
    /// <summary>Fraction of keypoints within 2% of the image size on the synthesized X-ray.</summary>
    public double Pck { get; init; } = double.NaN;
}
