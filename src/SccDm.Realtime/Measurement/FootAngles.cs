namespace SccDm.Realtime.Measurement;

/// <summary>
/// Hallux valgus angles from keypoints: the one implementation used by the phantom's ground truth
/// and by the app's measurements, so the two can never disagree on definition.
/// </summary>
public static class FootAngles
{
    /// <summary>
    /// Unsigned angle in degrees, in [0, 180], between the axes <paramref name="a0"/>→<paramref name="a1"/>
    /// and <paramref name="b0"/>→<paramref name="b1"/>. Returns NaN when either axis has zero length.
    /// </summary>
    public static double AxisAngle(Keypoint2D a0, Keypoint2D a1, Keypoint2D b0, Keypoint2D b1)
    {
        double ax = a1.X - a0.X, ay = a1.Y - a0.Y;
        double bx = b1.X - b0.X, by = b1.Y - b0.Y;
        if ((ax == 0 && ay == 0) || (bx == 0 && by == 0))
        {
            return double.NaN;
        }

        // atan2(|cross|, dot) stays accurate near 0° and 180°, where acos of a normalised dot loses digits.
        double cross = (ax * by) - (ay * bx);
        double dot = (ax * bx) + (ay * by);
        return Math.Atan2(Math.Abs(cross), dot) * (180.0 / Math.PI);
    }

    /// <summary>HVA: angle between mt1_base→mt1_head and pp1_base→pp1_head.</summary>
    public static double Hva(KeypointSet keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        return Hva(keypoints[FootKeypoint.Mt1Base], keypoints[FootKeypoint.Mt1Head], keypoints[FootKeypoint.Pp1Base], keypoints[FootKeypoint.Pp1Head]);
    }

    /// <summary>HVA of ten keypoints in foot.md order, without allocating (the per-frame path).</summary>
    public static double Hva(ReadOnlySpan<Keypoint2D> points)
        => Hva(points[(int)FootKeypoint.Mt1Base], points[(int)FootKeypoint.Mt1Head], points[(int)FootKeypoint.Pp1Base], points[(int)FootKeypoint.Pp1Head]);

    private static double Hva(Keypoint2D mt1Base, Keypoint2D mt1Head, Keypoint2D pp1Base, Keypoint2D pp1Head)
        => AxisAngle(mt1Base, mt1Head, pp1Base, pp1Head);

    /// <summary>IMA: angle between mt1_base→mt1_head and mt2_base→mt2_head.</summary>
    public static double Ima(KeypointSet keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        return Ima(keypoints[FootKeypoint.Mt1Base], keypoints[FootKeypoint.Mt1Head], keypoints[FootKeypoint.Mt2Base], keypoints[FootKeypoint.Mt2Head]);
    }

    /// <summary>IMA of ten keypoints in foot.md order, without allocating (the per-frame path).</summary>
    public static double Ima(ReadOnlySpan<Keypoint2D> points)
        => Ima(points[(int)FootKeypoint.Mt1Base], points[(int)FootKeypoint.Mt1Head], points[(int)FootKeypoint.Mt2Base], points[(int)FootKeypoint.Mt2Head]);

    private static double Ima(Keypoint2D mt1Base, Keypoint2D mt1Head, Keypoint2D mt2Base, Keypoint2D mt2Head)
        => AxisAngle(mt1Base, mt1Head, mt2Base, mt2Head);

    /// <summary>HVA and IMA with grades.</summary>
    public static FootAngleMeasurement Measure(KeypointSet keypoints) => new(Hva(keypoints), Ima(keypoints));
}
