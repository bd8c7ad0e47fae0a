namespace SccDm.Realtime.Measurement;

/// <summary>Severity grade of hallux valgus, per angle (foot.md). Synthetic images only: never a diagnosis.</summary>
public enum HalluxValgusGrade
{
    /// <summary>HVA &lt; 15°, IMA &lt; 9°.</summary>
    Normal = 0,

    /// <summary>HVA 15–20°, IMA 9–11°.</summary>
    Mild = 1,

    /// <summary>HVA 20–40°, IMA 11–16°.</summary>
    Moderate = 2,

    /// <summary>HVA &gt; 40°, IMA &gt; 16°.</summary>
    Severe = 3,
}
