namespace SccDm.Realtime.Measurement;

/// <summary>A point in image pixel coordinates (x right, y down; pixel centres at +0.5).</summary>
/// <param name="X">Horizontal coordinate in pixels.</param>
/// <param name="Y">Vertical coordinate in pixels.</param>
public readonly record struct Keypoint2D(double X, double Y)
{
    /// <summary>Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(Keypoint2D other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}
