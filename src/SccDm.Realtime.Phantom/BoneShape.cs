namespace SccDm.Realtime.Phantom;

/// <summary>
/// One bone (or one part of a bone) in the foot frame, with the projected thickness of its cortical shell
/// and trabecular interior at any point. Two forms:
/// a "profile" bone (metatarsal, phalanx): an axis A→B with a radius profile along it, a flattened cap at
/// the base and a round head, thickness from the chord through a circular cross-section;
/// a "blob" bone (tarsals, sesamoids): a rotated superellipse with an ellipsoidal depth profile.
/// Thickness is a chord length, so edges fade to zero: anti-aliasing for free and the bright
/// cortical rim of tubular bones appears by itself.
/// </summary>
internal sealed class BoneShape
{
    private const int ProfileSamples = 5;

    private readonly bool _isProfile;
    private readonly Vec2 _a;
    private readonly Vec2 _axis;
    private readonly double _length;
    private readonly double[] _radii = new double[ProfileSamples];
    private readonly double _baseCap;
    private readonly double _headCap;
    private readonly double _halfAlong;
    private readonly double _halfAcross;
    private readonly bool _square;
    private readonly double _depth;

    private BoneShape(string name, int part, double cortex)
    {
        Name = name;
        Part = part;
        Cortex = cortex;
    }

    private BoneShape(string name, int part, double cortex, Vec2 a, Vec2 b, ReadOnlySpan<double> radii, double baseCap, double headCap)
        : this(name, part, cortex)
    {
        _isProfile = true;
        _a = a;
        _length = (b - a).Length;
        _axis = (b - a) * (1.0 / _length);
        radii.CopyTo(_radii);
        _baseCap = baseCap;
        _headCap = headCap;
        double rMax = 0;
        foreach (double r in radii)
        {
            rMax = Math.Max(rMax, r);
        }

        MinU = Math.Min(a.X, b.X) - rMax;
        MaxU = Math.Max(a.X, b.X) + rMax;
        MinV = Math.Min(a.Y, b.Y) - rMax;
        MaxV = Math.Max(a.Y, b.Y) + rMax;
    }

    private BoneShape(string name, int part, double cortex, Vec2 center, Vec2 axis, double halfAlong, double halfAcross, bool square, double depth)
        : this(name, part, cortex)
    {
        _a = center;
        _axis = axis;
        _halfAlong = halfAlong;
        _halfAcross = halfAcross;
        _square = square;
        _depth = depth;
        double r = Math.Max(halfAlong, halfAcross);
        MinU = center.X - r;
        MaxU = center.X + r;
        MinV = center.Y - r;
        MaxV = center.Y + r;
    }

    /// <summary>Anatomical name (for debugging and masks).</summary>
    public string Name { get; }

    /// <summary>Parts with the same id belong to one bone: their thickness is combined by max, not summed, so joins show no seams.</summary>
    public int Part { get; }

    /// <summary>Cortical shell thickness, mm.</summary>
    public double Cortex { get; }

    public double MinU { get; }

    public double MaxU { get; }

    public double MinV { get; }

    public double MaxV { get; }

    /// <summary>A long bone from base centre <paramref name="a"/> to head centre <paramref name="b"/>; radii at t = 0, ¼, ½, ¾, 1.</summary>
    public static BoneShape Profile(string name, int part, Vec2 a, Vec2 b, ReadOnlySpan<double> radii, double baseCap, double headCap, double cortex)
        => new(name, part, cortex, a, b, radii, baseCap, headCap);

    /// <summary>A compact bone: superellipse (square = exponent 4) with half-axes along/across <paramref name="axis"/>.</summary>
    public static BoneShape Blob(string name, int part, Vec2 center, Vec2 axis, double halfAlong, double halfAcross, bool square, double depth, double cortex)
        => new(name, part, cortex, center, axis, halfAlong, halfAcross, square, depth);

    /// <summary>Projected outer thickness (whole bone) and inner (trabecular) thickness at (u, v), mm.</summary>
    public void Thickness(double u, double v, out double outer, out double inner)
    {
        double px = u - _a.X, py = v - _a.Y;
        double along = (px * _axis.X) + (py * _axis.Y);
        double across = (px * _axis.Y) - (py * _axis.X);
        if (_isProfile)
        {
            ProfileThickness(along, across, out outer, out inner);
        }
        else
        {
            BlobThickness(along, across, out outer, out inner);
        }
    }

    private void ProfileThickness(double along, double across, out double outer, out double inner)
    {
        double r;
        double dist2;
        if (along < 0)
        {
            // Base: a flattened cap, so the articular surface sits just behind A.
            r = _radii[0];
            double a = along / _baseCap;
            dist2 = (a * a) + (across * across);
        }
        else if (along > _length)
        {
            r = _radii[ProfileSamples - 1];
            double a = (along - _length) / _headCap;
            dist2 = (a * a) + (across * across);
        }
        else
        {
            double t = along / _length * (ProfileSamples - 1);
            int i = Math.Min((int)t, ProfileSamples - 2);
            double f = t - i;
            f = f * f * (3 - (2 * f));
            r = _radii[i] + ((_radii[i + 1] - _radii[i]) * f);
            dist2 = across * across;
        }

        double r2 = r * r;
        if (dist2 >= r2)
        {
            outer = 0;
            inner = 0;
            return;
        }

        outer = 2 * Math.Sqrt(r2 - dist2);
        double ri = r - Cortex;
        double ri2 = ri * ri;
        inner = ri > 0 && dist2 < ri2 ? 2 * Math.Sqrt(ri2 - dist2) : 0;
    }

    private void BlobThickness(double along, double across, out double outer, out double inner)
    {
        double x = along / _halfAlong, y = across / _halfAcross;
        double rho2;
        if (_square)
        {
            double x2 = x * x, y2 = y * y;
            rho2 = Math.Sqrt((x2 * x2) + (y2 * y2));
        }
        else
        {
            rho2 = (x * x) + (y * y);
        }

        if (rho2 >= 1)
        {
            outer = 0;
            inner = 0;
            return;
        }

        outer = 2 * _depth * Math.Sqrt(1 - rho2);
        double shrink = 1 - (Cortex / Math.Min(_halfAlong, _halfAcross));
        double rhoIn2 = rho2 / (shrink * shrink);
        inner = rhoIn2 < 1 ? 2 * (_depth - Cortex) * Math.Sqrt(1 - rhoIn2) : 0;
    }
}
