using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>A 2-D similarity transform (rotation, uniform scale, translation): (x, y) → (a·x − b·y + tx, b·x + a·y + ty).</summary>
internal readonly record struct Similarity(double A, double B, double Tx, double Ty)
{
    /// <summary>Least-squares similarity mapping <paramref name="from"/> onto <paramref name="to"/> (closed form, Umeyama without reflection).</summary>
    public static Similarity Fit(KeypointSet from, KeypointSet to)
    {
        var p = from.Points;
        var q = to.Points;
        double mpx = 0, mpy = 0, mqx = 0, mqy = 0;
        for (int i = 0; i < p.Count; i++)
        {
            mpx += p[i].X;
            mpy += p[i].Y;
            mqx += q[i].X;
            mqy += q[i].Y;
        }

        mpx /= p.Count;
        mpy /= p.Count;
        mqx /= p.Count;
        mqy /= p.Count;
        double sxx = 0, sxy = 0, norm = 0;
        for (int i = 0; i < p.Count; i++)
        {
            double px = p[i].X - mpx, py = p[i].Y - mpy, qx = q[i].X - mqx, qy = q[i].Y - mqy;
            sxx += (px * qx) + (py * qy);
            sxy += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }

        double a = norm > 0 ? sxx / norm : 1, b = norm > 0 ? sxy / norm : 0;
        return new Similarity(a, b, mqx - ((a * mpx) - (b * mpy)), mqy - ((b * mpx) + (a * mpy)));
    }

    /// <summary>Maps a point.</summary>
    public void Apply(double x, double y, out double ox, out double oy)
    {
        ox = (A * x) - (B * y) + Tx;
        oy = (B * x) + (A * y) + Ty;
    }
}
