namespace SccDm.Realtime.Phantom;

/// <summary>Soft tissue of one toe: a tapered capsule from the metatarsal head to beyond the distal phalanx, with its nail.</summary>
internal sealed class ToeShape
{
    public ToeShape(Vec2 root, Vec2 tip, double rootRadius, double tipRadius, Vec2 nailCenter, double nailHalfLength, double nailHalfWidth)
    {
        Root = root;
        Tip = tip;
        RootRadius = rootRadius;
        TipRadius = tipRadius;
        Length = (tip - root).Length;
        Axis = (tip - root) * (1.0 / Length);
        NailCenter = nailCenter;
        NailHalfLength = nailHalfLength;
        NailHalfWidth = nailHalfWidth;
    }

    public Vec2 Root { get; }

    public Vec2 Tip { get; }

    public Vec2 Axis { get; }

    public double Length { get; }

    public double RootRadius { get; }

    public double TipRadius { get; }

    public Vec2 NailCenter { get; }

    public double NailHalfLength { get; }

    public double NailHalfWidth { get; }

    /// <summary>Approximate signed distance (mm, negative inside) and the local radius, for the dome height.</summary>
    public double Distance(double u, double v, out double radius)
    {
        double px = u - Root.X, py = v - Root.Y;
        double t = Math.Clamp(((px * Axis.X) + (py * Axis.Y)) / Length, 0, 1);
        radius = RootRadius + ((TipRadius - RootRadius) * t);
        double ex = px - (Axis.X * t * Length), ey = py - (Axis.Y * t * Length);
        return Math.Sqrt((ex * ex) + (ey * ey)) - radius;
    }

    /// <summary>Nail coverage in [0, 1] with a soft edge of <paramref name="edgeMm"/>.</summary>
    public double Nail(double u, double v, double edgeMm)
    {
        double px = u - NailCenter.X, py = v - NailCenter.Y;
        double along = ((px * Axis.X) + (py * Axis.Y)) / NailHalfLength;
        double across = ((px * Axis.Y) - (py * Axis.X)) / NailHalfWidth;
        double rho = Math.Sqrt((along * along) + (across * across));
        return Math.Clamp((1 - rho) * NailHalfWidth / edgeMm, 0, 1);
    }
}
