namespace SccDm.Realtime.Measurement;

/// <summary>HVA and IMA of one foot with their grades.</summary>
/// <param name="Hva">Hallux valgus angle in degrees (unsigned).</param>
/// <param name="Ima">Intermetatarsal angle in degrees (unsigned).</param>
public sealed record FootAngleMeasurement(double Hva, double Ima)
{
    /// <summary>Grade of <see cref="Hva"/>.</summary>
    public HalluxValgusGrade HvaGrade => HalluxValgusGrading.FromHva(Hva);

    /// <summary>Grade of <see cref="Ima"/>.</summary>
    public HalluxValgusGrade ImaGrade => HalluxValgusGrading.FromIma(Ima);
}
