namespace SccDm.Realtime.Phantom;

/// <summary>
/// Maps the foot frame (u mm, lateral positive for a right foot; v mm from the heel toward the toes)
/// to image pixels (x right, y down): mirror for a left foot, flip so the toes point up, rotate, scale, translate.
/// A similarity transform, so angles between axes are preserved exactly (up to rounding).
/// </summary>
internal readonly struct FootTransform
{
    private readonly double _k;
    private readonly double _cos;
    private readonly double _sin;
    private readonly double _cx;
    private readonly double _cy;
    private readonly double _mirror;
    private readonly double _uc;
    private readonly double _vc;

    public FootTransform(double pixelsPerMm, double rotationDegrees, double centerX, double centerY, bool mirror, double footCenterU, double footCenterV)
    {
        _k = pixelsPerMm;
        double r = rotationDegrees * (Math.PI / 180.0);
        _cos = Math.Cos(r);
        _sin = Math.Sin(r);
        _cx = centerX;
        _cy = centerY;
        _mirror = mirror ? -1 : 1;
        _uc = footCenterU;
        _vc = footCenterV;
    }

    /// <summary>Pixels per millimetre.</summary>
    public double PixelsPerMm => _k;

    public Vec2 ToImage(Vec2 foot)
    {
        double a = _mirror * (foot.X - _uc);
        double b = _vc - foot.Y;
        return new Vec2(_cx + (_k * ((a * _cos) - (b * _sin))), _cy + (_k * ((a * _sin) + (b * _cos))));
    }

    public Vec2 ToFoot(double x, double y)
    {
        double dx = (x - _cx) / _k, dy = (y - _cy) / _k;
        double a = (dx * _cos) + (dy * _sin);
        double b = (-dx * _sin) + (dy * _cos);
        return new Vec2((_mirror * a) + _uc, _vc - b);
    }

    /// <summary>Foot-frame change per one pixel step in x (the transform is affine, so loops add this instead of re-mapping).</summary>
    public Vec2 StepX => new(_mirror * _cos / _k, _sin / _k);

    /// <summary>Foot-frame change per one pixel step in y.</summary>
    public Vec2 StepY => new(_mirror * _sin / _k, -_cos / _k);
}
