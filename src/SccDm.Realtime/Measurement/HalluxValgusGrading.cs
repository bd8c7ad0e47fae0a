namespace SccDm.Realtime.Measurement;

/// <summary>
/// Maps HVA and IMA to <see cref="HalluxValgusGrade"/> with the foot.md table.
/// The table is ambiguous at its shared boundaries; we keep its strict inequalities literally
/// ("&lt; 15 normal", "&gt; 40 severe") and give each inner boundary to the higher grade:
/// HVA: normal &lt; 15 ≤ mild &lt; 20 ≤ moderate ≤ 40 &lt; severe;
/// IMA: normal &lt; 9 ≤ mild &lt; 11 ≤ moderate ≤ 16 &lt; severe.
/// </summary>
public static class HalluxValgusGrading
{
    /// <summary>Grade of a hallux valgus angle in degrees.</summary>
    public static HalluxValgusGrade FromHva(double hvaDegrees) => Grade(hvaDegrees, 15, 20, 40);

    /// <summary>Grade of an intermetatarsal angle in degrees.</summary>
    public static HalluxValgusGrade FromIma(double imaDegrees) => Grade(imaDegrees, 9, 11, 16);

    /// <summary>Lower-case English name ("normal", "mild", "moderate", "severe") as written in keypoints.json.</summary>
    public static string NameOf(HalluxValgusGrade grade) => grade switch
    {
        HalluxValgusGrade.Normal => "normal",
        HalluxValgusGrade.Mild => "mild",
        HalluxValgusGrade.Moderate => "moderate",
        HalluxValgusGrade.Severe => "severe",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    private static HalluxValgusGrade Grade(double degrees, double mild, double moderate, double severeAbove)
    {
        if (!double.IsFinite(degrees) || degrees < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "An angle to grade must be finite and non-negative.");
        }

        if (degrees < mild)
        {
            return HalluxValgusGrade.Normal;
        }

        if (degrees < moderate)
        {
            return HalluxValgusGrade.Mild;
        }

        return degrees <= severeAbove ? HalluxValgusGrade.Moderate : HalluxValgusGrade.Severe;
    }
}
