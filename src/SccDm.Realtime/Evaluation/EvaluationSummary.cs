namespace SccDm.Realtime.Evaluation;

/// <summary>Means over a dataset; NaN where no sample had the measure (e.g. no detector).</summary>
public sealed record EvaluationSummary
{
    /// <summary>Samples evaluated.</summary>
    public int Count { get; init; }
    /// <summary>Mean SSIM.</summary>
    public double Ssim { get; init; }
    /// <summary>Mean PSNR, dB.</summary>
    public double Psnr { get; init; }
    /// <summary>Mean MAE.</summary>
    public double Mae { get; init; }
    /// <summary>Mean KCC on synthesized X-rays.</summary>
    public double Kcc { get; init; }
    /// <summary>HVA mean absolute error end to end from the photo, degrees.</summary>
    public double HvaMae { get; init; }
    /// <summary>IMA mean absolute error end to end from the photo, degrees.</summary>
    public double ImaMae { get; init; }
    /// <summary>Fraction of samples whose HVA and IMA grades both match the truth.</summary>
    public double GradeAgreement { get; init; }
    /// <summary>Share of samples whose HVA grade alone agrees (synthesized X-ray).</summary>
    public double HvaGradeAgreement { get; init; }
    /// <summary>Share of samples whose IMA grade alone agrees (synthesized X-ray).</summary>
    public double ImaGradeAgreement { get; init; }
    /// <summary>Share of samples whose HVA and IMA grades both agree when the detector reads the real X-ray.</summary>
    public double GroundTruthGradeAgreement { get; init; }
    /// <summary>PCK on synthesized X-rays.</summary>
    public double Pck { get; init; }
    /// <summary>The detector on the real X-rays: PCK.</summary>
    public double GroundTruthPck { get; init; }
    /// <summary>The detector on the real X-rays: HVA MAE.</summary>
    public double GroundTruthHvaMae { get; init; }
    /// <summary>The detector on the real X-rays: IMA MAE.</summary>
    public double GroundTruthImaMae { get; init; }
    /// <summary>Samples per second, synthesis and measurement together.</summary>
    public double SamplesPerSecond { get; init; }

    /// <summary>Summarises <paramref name="samples"/> evaluated in <paramref name="elapsed"/>.</summary>
    public static EvaluationSummary From(IReadOnlyList<EvaluationSample> samples, TimeSpan elapsed) => new()
    {
        Count = samples.Count,
        Ssim = Mean(samples, s => s.Ssim),
        Psnr = Mean(samples, s => s.Psnr),
        Mae = Mean(samples, s => s.Mae),
        Kcc = Mean(samples, s => s.Kcc),
        HvaMae = Mean(samples, s => s.HvaError),
        ImaMae = Mean(samples, s => s.ImaError),
        GradeAgreement = Share(samples, s => s.GradesAgree),
        HvaGradeAgreement = Share(samples, s => s.HvaGradeAgrees),
        ImaGradeAgreement = Share(samples, s => s.ImaGradeAgrees),
        GroundTruthGradeAgreement = Share(samples, s => s.GroundTruthGradesAgree),
        Pck = Mean(samples, s => s.Pck),
        GroundTruthPck = Mean(samples, s => s.GroundTruthPck),
        GroundTruthHvaMae = Mean(samples, s => s.GroundTruthHvaError),
        GroundTruthImaMae = Mean(samples, s => s.GroundTruthImaError),
        SamplesPerSecond = elapsed.TotalSeconds > 0 ? samples.Count / elapsed.TotalSeconds : 0,
    };

    // Share of true among the samples that have the flag.
    private static double Share(IReadOnlyList<EvaluationSample> samples, Func<EvaluationSample, bool?> flag) =>
        Mean(samples, s => flag(s) is { } f ? (f ? 1 : 0) : double.NaN);

    // Mean over finite values (an identical image has PSNR +∞; it is left out, not averaged in).
    private static double Mean(IReadOnlyList<EvaluationSample> samples, Func<EvaluationSample, double> value)
    {
        double sum = 0;
        int n = 0;
        foreach (EvaluationSample s in samples)
        {
            double v = value(s);
            if (double.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
