namespace SccDm.Realtime.Phantom;

/// <summary>A 2D point or vector in double precision (foot frame millimetres or image pixels).</summary>
internal readonly record struct Vec2(double X, double Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator *(Vec2 a, double s) => new(a.X * s, a.Y * s);

    public double Length => Math.Sqrt((X * X) + (Y * Y));

    public static double Dot(Vec2 a, Vec2 b) => (a.X * b.X) + (a.Y * b.Y);

    /// <summary>Unit vector at <paramref name="degrees"/> from the foot's long axis (+v), positive toward lateral (+u).</summary>
    public static Vec2 FromFootAngle(double degrees)
    {
        double r = degrees * (Math.PI / 180.0);
        return new Vec2(Math.Sin(r), Math.Cos(r));
    }

    /// <summary>The vector turned 90° toward +u from +v, i.e. the lateral side of a distally pointing axis.</summary>
    public Vec2 LateralPerpendicular => new(Y, -X);
}
