namespace SccDm.Realtime.Measurement;

/// <summary>Names and drawn edges of the ten-keypoint foot skeleton (foot.md).</summary>
public static class FootSkeleton
{
    private static readonly string[] s_names =
    [
        "mt1_base", "mt1_head", "pp1_base", "pp1_head", "hallux_tip",
        "mt2_base", "mt2_head", "mt5_base", "mt5_head", "heel",
    ];

    private static readonly (FootKeypoint From, FootKeypoint To)[] s_edges =
    [
        (FootKeypoint.Mt1Base, FootKeypoint.Mt1Head),
        (FootKeypoint.Mt1Head, FootKeypoint.Pp1Base),
        (FootKeypoint.Pp1Base, FootKeypoint.Pp1Head),
        (FootKeypoint.Pp1Head, FootKeypoint.HalluxTip),
        (FootKeypoint.Mt2Base, FootKeypoint.Mt2Head),
        (FootKeypoint.Mt5Base, FootKeypoint.Mt5Head),
        (FootKeypoint.Mt1Base, FootKeypoint.Mt2Base),
        (FootKeypoint.Mt2Base, FootKeypoint.Mt5Base),
        (FootKeypoint.Heel, FootKeypoint.Mt1Base),
        (FootKeypoint.Heel, FootKeypoint.Mt5Base),
    ];

    /// <summary>Number of keypoints (10).</summary>
    public const int Count = 10;

    /// <summary>Keypoint names in order, as written in keypoints.json.</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>The skeleton edges drawn over an image (first ray, MT2, MT5, tarsometatarsal line, hindfoot).</summary>
    public static IReadOnlyList<(FootKeypoint From, FootKeypoint To)> Edges => s_edges;

    /// <summary>The snake_case name of <paramref name="keypoint"/>, e.g. "mt1_base".</summary>
    public static string NameOf(FootKeypoint keypoint) => s_names[(int)keypoint];

    /// <summary>Parses a keypoint name ("mt1_base" …); returns false for an unknown name.</summary>
    public static bool TryParse(string name, out FootKeypoint keypoint)
    {
        int index = Array.IndexOf(s_names, name);
        keypoint = (FootKeypoint)Math.Max(index, 0);
        return index >= 0;
    }
}
