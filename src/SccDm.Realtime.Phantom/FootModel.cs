using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// The phantom's anatomy in the foot frame (millimetres; u lateral-positive for a right foot, v from the heel
/// toward the toes): bones for the X-ray, a soft-tissue envelope for the photo and the X-ray, and the ten
/// keypoints taken straight from the bone geometry. Built from a reference foot of 260 × 100 mm scaled to
/// the sampled length and width; the first ray is placed so that the IMA and HVA are exactly the sampled ones.
/// </summary>
internal sealed class FootModel
{
    private const double ReferenceLength = 260;
    private const double ReferenceWidth = 100;
    private const double JointGap = 2.0;
    private const double BaseCap = 0.4;

    private readonly List<BoneShape> _bones = [];
    private readonly Vec2[] _keypoints = new Vec2[FootSkeleton.Count];
    private readonly ToeShape[] _toes = new ToeShape[5];
    private readonly Vec2[] _polygon;
    private readonly double _inflate;
    private readonly Vec2 _heelCenter;
    private readonly double _heelRadius;
    private readonly Vec2 _bunionCenter;
    private readonly double _bunionRadius;
    private readonly double _bodyDome;
    private readonly double _length;
    private readonly double _sx;
    private readonly double _sy;
    private readonly double _rs;
    private int _part;

    private FootModel(FootParameters p)
    {
        _length = p.FootLengthMm;
        _sx = p.FootWidthMm / ReferenceWidth;
        _sy = p.FootLengthMm / ReferenceLength;
        _rs = _sx;
        double ms = (_sx + _sy) / 2;

        // Hindfoot and midfoot. The calcaneus is aligned with the foot axis, so its posterior pole is the most posterior bone point.
        var calcCenter = P(4, 36);
        double calcHalf = 36 * _sy;
        int calcaneus = NextPart();
        _bones.Add(BoneShape.Blob("calcaneus", calcaneus, calcCenter, new Vec2(0, 1), calcHalf, 20 * _rs, false, 14 * _rs, 2.2));
        _bones.Add(BoneShape.Blob("calcaneus", calcaneus, P(13, 80), Vec2.FromFootAngle(12), 20 * ms, 12 * _rs, false, 11 * _rs, 1.8));
        int talus = NextPart();
        _bones.Add(BoneShape.Blob("talus", talus, P(-3, 70), Vec2.FromFootAngle(-14), 25 * ms, 15 * _rs, false, 12 * _rs, 1.8));
        _bones.Add(BoneShape.Blob("talus", talus, P(-12, 95), Vec2.FromFootAngle(-28), 12 * ms, 11.5 * _rs, false, 10 * _rs, 1.5));
        _bones.Add(BoneShape.Blob("navicular", NextPart(), P(-15, 112), Vec2.FromFootAngle(-18), 7.5 * ms, 17 * _rs, true, 11 * _rs, 1.4));
        _bones.Add(BoneShape.Blob("cuboid", NextPart(), P(17, 108), Vec2.FromFootAngle(12), 15.5 * ms, 11.5 * _rs, true, 12 * _rs, 1.4));
        _bones.Add(BoneShape.Blob("medial_cuneiform", NextPart(), P(-19, 127.5), Vec2.FromFootAngle(-4), 11 * ms, 8.5 * _rs, true, 12 * _rs, 1.3));
        _bones.Add(BoneShape.Blob("intermediate_cuneiform", NextPart(), P(-6.5, 125.5), Vec2.FromFootAngle(0), 8.5 * ms, 6 * _rs, true, 10 * _rs, 1.2));
        _bones.Add(BoneShape.Blob("lateral_cuneiform", NextPart(), P(4.5, 124.5), Vec2.FromFootAngle(6), 9.5 * ms, 6.2 * _rs, true, 10 * _rs, 1.2));

        // Metatarsals: the second is the reference axis; the first leaves it medially by exactly the IMA.
        double mt2Angle = 2.0;
        double[] angles = [mt2Angle - p.ImaDegrees, mt2Angle, mt2Angle + 4.5, mt2Angle + 9, mt2Angle + 15];
        Vec2[] bases = [P(-19, 139), P(-6.5, 134), P(4.5, 134), P(14.5, 126), P(25, 121)];
        double[] lengths = [60, 72, 68, 65, 62];
        double[][] mtRadii =
        [
            [10.5, 8.0, 6.3, 7.0, 9.0],
            [6.5, 4.8, 3.8, 4.3, 6.0],
            [6.2, 4.6, 3.7, 4.2, 5.7],
            [6.0, 4.5, 3.7, 4.1, 5.5],
            [6.8, 4.8, 3.9, 4.1, 5.3],
        ];
        var heads = new Vec2[5];
        var dirs = new Vec2[5];
        var parts = new int[5];
        var headRadii = new double[5];
        for (int i = 0; i < 5; i++)
        {
            dirs[i] = Vec2.FromFootAngle(angles[i]);
            heads[i] = bases[i] + (dirs[i] * (lengths[i] * _sy));
            headRadii[i] = mtRadii[i][4] * _rs;
            parts[i] = NextPart();
            _bones.Add(BoneShape.Profile($"metatarsal_{i + 1}", parts[i], bases[i], heads[i], Scaled(mtRadii[i], _rs), BaseCap, 1.0, i == 0 ? 1.9 : 1.4));
        }

        // Fifth metatarsal tuberosity: the styloid process, lateral and proximal to the base.
        var lateral5 = dirs[4].LateralPerpendicular;
        var tuberosity = bases[4] + (lateral5 * (5.5 * _rs)) - (dirs[4] * (3.0 * _sy));
        _bones.Add(BoneShape.Blob("metatarsal_5_tuberosity", parts[4], tuberosity, Vec2.FromFootAngle(angles[4] + 35), 7 * ms, 5 * _rs, false, 6 * _rs, 1.2));

        // Sesamoids under the first metatarsal head drift laterally as the hallux deviates (a classic radiographic sign).
        var lateral1 = dirs[0].LateralPerpendicular;
        double drift = 5.0 * Math.Min(p.HvaDegrees / 45.0, 1.0) * _rs;
        var sesBase = heads[0] - (dirs[0] * (3.0 * _rs)) + (lateral1 * drift);
        _bones.Add(BoneShape.Blob("medial_sesamoid", NextPart(), sesBase - (lateral1 * (4.2 * _rs)), dirs[0], 5.2 * _rs, 3.8 * _rs, false, 5.5 * _rs, 1.0));
        _bones.Add(BoneShape.Blob("lateral_sesamoid", NextPart(), sesBase + (lateral1 * (4.0 * _rs)), dirs[0], 4.6 * _rs, 3.4 * _rs, false, 5.0 * _rs, 1.0));

        // Hallux: rotates about the first metatarsal head, laterally by exactly the HVA.
        var halluxDir = Vec2.FromFootAngle(angles[0] + p.HvaDegrees);
        double h = p.HalluxLengthScale;
        var pp1 = AddPhalanx("proximal_phalanx_1", heads[0], headRadii[0], halluxDir, 28 * _sy * h, [9.3, 6.8, 5.6, 6.0, 7.0], 0.75);
        var dp1 = AddPhalanx("distal_phalanx_1", pp1.Head, pp1.HeadExtent, halluxDir, 17 * _sy * h, [7.4, 5.8, 4.8, 4.4, 4.6], 1.0);
        var halluxTip = dp1.Head + (halluxDir * dp1.HeadExtent);

        _keypoints[(int)FootKeypoint.Mt1Base] = bases[0];
        _keypoints[(int)FootKeypoint.Mt1Head] = heads[0];
        _keypoints[(int)FootKeypoint.Pp1Base] = pp1.Base;
        _keypoints[(int)FootKeypoint.Pp1Head] = pp1.Head;
        _keypoints[(int)FootKeypoint.HalluxTip] = halluxTip;
        _keypoints[(int)FootKeypoint.Mt2Base] = bases[1];
        _keypoints[(int)FootKeypoint.Mt2Head] = heads[1];
        _keypoints[(int)FootKeypoint.Mt5Base] = tuberosity;
        _keypoints[(int)FootKeypoint.Mt5Head] = heads[4];
        _keypoints[(int)FootKeypoint.Heel] = calcCenter - new Vec2(0, calcHalf);

        _toes[0] = MakeToe(heads[0], halluxTip, halluxDir, 12.5, 10.5, 4.5, dp1Length: 17 * _sy * h);

        // Lesser toes: the second is crowded laterally by a deviated hallux.
        double[] toeScale = [p.SecondToeLengthScale, p.LesserToeLengthScale, p.LesserToeLengthScale, p.LesserToeLengthScale];
        double[] deviation = [1 + (0.12 * p.HvaDegrees), 1 + (0.05 * p.HvaDegrees), 0, -4];
        double[][] ppLen = [[23, 9.5, 8], [20, 8.5, 7.5], [18, 7.5, 7], [15, 6, 6.5]];
        double[] toeRadius = [8.8, 8.4, 8.0, 7.6];
        for (int i = 1; i < 5; i++)
        {
            var dir = Vec2.FromFootAngle(angles[i] + deviation[i - 1]);
            double s = toeScale[i - 1] * _sy;
            double w = toeRadius[i - 1] / 8.2;
            var pp = AddPhalanx($"proximal_phalanx_{i + 1}", heads[i], headRadii[i], dir, ppLen[i - 1][0] * s, [5.6 * w, 4.0 * w, 3.3 * w, 3.5 * w, 4.3 * w], 0.75);
            var mp = AddPhalanx($"middle_phalanx_{i + 1}", pp.Head, pp.HeadExtent, dir, ppLen[i - 1][1] * s, [4.3 * w, 3.5 * w, 3.3 * w, 3.4 * w, 3.9 * w], 0.75);
            var dp = AddPhalanx($"distal_phalanx_{i + 1}", mp.Head, mp.HeadExtent, dir, ppLen[i - 1][2] * s, [3.8 * w, 3.0 * w, 2.6 * w, 2.6 * w, 3.0 * w], 1.0);
            var tip = dp.Head + (dir * dp.HeadExtent);
            _toes[i] = MakeToe(heads[i], tip, dir, toeRadius[i - 1], toeRadius[i - 1] * 0.82, 3.2, dp1Length: ppLen[i - 1][2] * s);
        }

        // Soft-tissue envelope: a rounded outline through the skeleton, the heel pad and the bunion bulge.
        var medial1 = lateral1 * -1;
        _polygon =
        [
            P(-9, 24),
            P(17, 24),
            tuberosity + (lateral5 * (1.0 * _rs)),
            // The web between the toes reaches about a third of the way along the proximal phalanges.
            heads[4] + (dirs[4] * (4 * _sy)),
            heads[3] + (dirs[3] * (7 * _sy)),
            heads[2] + (dirs[2] * (8 * _sy)),
            heads[1] + (dirs[1] * (8 * _sy)),
            heads[0] + (medial1 * (2.5 * _rs)),
            bases[0] + (medial1 * (5 * _rs)),
            P(-27, 110),
            P(-23, 78),
        ];
        _inflate = 10 * _rs;
        _heelRadius = 31 * _rs;
        _heelCenter = new Vec2(4 * _sx, (-9 * _sy) + _heelRadius);
        _bunionCenter = heads[0] + (medial1 * ((3.5 + (2.5 * p.BunionProminence)) * _rs)) - (dirs[0] * (2 * _rs));
        _bunionRadius = (8.5 + (7.5 * p.BunionProminence)) * _rs;
        _bodyDome = 20 * _rs;

        MinU = MinV = double.MaxValue;
        MaxU = MaxV = double.MinValue;
        foreach (var v in _polygon)
        {
            Grow(v, _inflate + 2);
        }

        Grow(_heelCenter, _heelRadius + 2);
        Grow(_bunionCenter, _bunionRadius + 2);
        foreach (var toe in _toes)
        {
            Grow(toe.Tip, toe.TipRadius + 2);
            Grow(toe.Root, toe.RootRadius + 2);
        }
    }

    /// <summary>The bones (and bone parts) of the X-ray.</summary>
    public IReadOnlyList<BoneShape> Bones => _bones;

    /// <summary>The ten keypoints in the foot frame, in <see cref="FootKeypoint"/> order.</summary>
    public ReadOnlySpan<Vec2> Keypoints => _keypoints;

    /// <summary>Soft-tissue bounding box in the foot frame.</summary>
    public double MinU { get; private set; }

    public double MaxU { get; private set; }

    public double MinV { get; private set; }

    public double MaxV { get; private set; }

    /// <summary>Centre of the foot for framing: the middle of the bounding box.</summary>
    public Vec2 Center => new((MinU + MaxU) / 2, (MinV + MaxV) / 2);

    /// <summary>Foot length in mm (for framing).</summary>
    public double Length => _length;

    public static FootModel Build(FootParameters parameters) => new(parameters);

    /// <summary>
    /// Soft tissue at (u, v): signed distance to the skin outline (mm, negative inside), skin height above the
    /// sole plane (mm, for shading and X-ray thickness), nail coverage in [0, 1] and which toe is on top (−1 for none).
    /// </summary>
    public void SoftTissue(double u, double v, out double distance, out double height, out double nail)
    {
        double dPoly = PolygonDistance(u, v) - _inflate;
        double hx = u - _heelCenter.X, hy = v - _heelCenter.Y;
        double dHeel = Math.Sqrt((hx * hx) + (hy * hy)) - _heelRadius;
        double bx = u - _bunionCenter.X, by = v - _bunionCenter.Y;
        double dBunion = Math.Sqrt((bx * bx) + (by * by)) - _bunionRadius;
        double dBody = SmoothMin(SmoothMin(dPoly, dHeel, 10 * _rs), dBunion, 14 * _rs);

        // The dorsum rises toward the ankle: a gentle slope gives the shading a proximal-distal gradient.
        double rise = 0.55 + (0.45 * Math.Clamp(1 - (v / (0.75 * _length)), 0, 1));
        double hBody = Dome(-dBody, _bodyDome) * rise;

        double dToes = double.MaxValue, hToes = 0;
        nail = 0;
        for (int i = 0; i < _toes.Length; i++)
        {
            var toe = _toes[i];
            double d = toe.Distance(u, v, out double r);
            if (d < dToes)
            {
                dToes = d;
            }

            if (d < 0)
            {
                double ht = Dome(-d, r) * 0.9;
                if (ht > hToes)
                {
                    hToes = ht;
                    nail = toe.Nail(u, v, 0.6);
                }
            }
        }

        distance = SmoothMin(dBody, dToes, 3 * _rs);
        if (hToes >= hBody)
        {
            height = hToes;
        }
        else
        {
            height = hBody;
            nail = 0;
        }
    }

    private static double Dome(double depth, double radius)
    {
        if (depth <= 0)
        {
            return 0;
        }

        return depth >= radius ? radius : Math.Sqrt(depth * ((2 * radius) - depth));
    }

    private static double SmoothMin(double a, double b, double k)
    {
        double h = Math.Max(k - Math.Abs(a - b), 0) / k;
        return Math.Min(a, b) - (h * h * k * 0.25);
    }

    private static double[] Scaled(double[] radii, double s)
    {
        var r = new double[radii.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = radii[i] * s;
        }

        return r;
    }

    private Vec2 P(double u, double v) => new(u * _sx, v * _sy);

    private int NextPart() => _part++;

    private void Grow(Vec2 v, double r)
    {
        MinU = Math.Min(MinU, v.X - r);
        MaxU = Math.Max(MaxU, v.X + r);
        MinV = Math.Min(MinV, v.Y - r);
        MaxV = Math.Max(MaxV, v.Y + r);
    }

    private ToeShape MakeToe(Vec2 root, Vec2 boneTip, Vec2 dir, double rootRadius, double tipRadius, double pulp, double dp1Length)
    {
        var tip = boneTip + (dir * ((pulp * _rs) - (tipRadius * _rs * 0.55)));
        double nailHalfLength = ((dp1Length * 0.5) + 1.5) * 0.9;
        var nailCenter = boneTip - (dir * (nailHalfLength * 0.85));
        return new ToeShape(root, tip, rootRadius * _rs, tipRadius * _rs, nailCenter, nailHalfLength, tipRadius * _rs * 0.72);
    }

    /// <summary>Adds a phalanx whose base sits beyond the previous bone's head, along <paramref name="dir"/>.</summary>
    private (Vec2 Base, Vec2 Head, double HeadExtent) AddPhalanx(string name, Vec2 previousHead, double previousHeadExtent, Vec2 dir, double length, double[] radii, double headCap)
    {
        var r = Scaled(radii, _rs);
        var a = previousHead + (dir * (previousHeadExtent + (JointGap * _rs) + (BaseCap * r[0])));
        var b = a + (dir * length);
        _bones.Add(BoneShape.Profile(name, NextPart(), a, b, r, BaseCap, headCap, Math.Min(1.2, r[2] * 0.35)));
        return (a, b, r[4] * headCap);
    }

    /// <summary>Signed distance to the outline polygon (Inigo Quilez's even-odd formulation; any winding).</summary>
    private double PolygonDistance(double u, double v)
    {
        var poly = _polygon;
        double dx0 = u - poly[0].X, dy0 = v - poly[0].Y;
        double d = (dx0 * dx0) + (dy0 * dy0);
        double s = 1;
        for (int i = 0, j = poly.Length - 1; i < poly.Length; j = i, i++)
        {
            double ex = poly[j].X - poly[i].X, ey = poly[j].Y - poly[i].Y;
            double wx = u - poly[i].X, wy = v - poly[i].Y;
            double t = Math.Clamp(((wx * ex) + (wy * ey)) / ((ex * ex) + (ey * ey)), 0, 1);
            double bx = wx - (ex * t), by = wy - (ey * t);
            d = Math.Min(d, (bx * bx) + (by * by));
            bool c1 = v >= poly[i].Y, c2 = v < poly[j].Y, c3 = (ex * wy) > (ey * wx);
            if ((c1 && c2 && c3) || (!c1 && !c2 && !c3))
            {
                s = -s;
            }
        }

        return s * Math.Sqrt(d);
    }
}
