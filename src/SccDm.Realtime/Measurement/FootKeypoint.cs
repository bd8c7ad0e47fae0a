namespace SccDm.Realtime.Measurement;

/// <summary>
/// The ten foot keypoints of the dorsoplantar view, in the fixed order of foot.md.
/// Training data, detector, skeleton drawing and angles all use this order.
/// </summary>
public enum FootKeypoint
{
    /// <summary>Centre of the first metatarsal's proximal end.</summary>
    Mt1Base = 0,

    /// <summary>Centre of the first metatarsal head.</summary>
    Mt1Head = 1,

    /// <summary>Centre of the hallux proximal phalanx base.</summary>
    Pp1Base = 2,

    /// <summary>Centre of the hallux proximal phalanx head.</summary>
    Pp1Head = 3,

    /// <summary>Distal tip of the hallux distal phalanx.</summary>
    HalluxTip = 4,

    /// <summary>Centre of the second metatarsal's proximal end.</summary>
    Mt2Base = 5,

    /// <summary>Centre of the second metatarsal head.</summary>
    Mt2Head = 6,

    /// <summary>Fifth metatarsal tuberosity.</summary>
    Mt5Base = 7,

    /// <summary>Centre of the fifth metatarsal head.</summary>
    Mt5Head = 8,

    /// <summary>Most posterior point of the calcaneus.</summary>
    Heel = 9,
}
