namespace SccDm.Realtime.Keypoints;

/// <summary>
/// The One-Euro filter (Casiez, Roussel and Vogel, CHI 2012) for one coordinate: a low-pass filter whose cutoff
/// rises with speed, so a still point is steady and a moving one follows without lag.
/// </summary>
/// <param name="minCutoff">Cutoff in Hz at rest: lower is steadier.</param>
/// <param name="beta">How fast the cutoff rises with speed (per unit/s): higher follows motion more closely.</param>
/// <param name="derivativeCutoff">Cutoff in Hz of the speed estimate.</param>
public struct OneEuroFilter(double minCutoff, double beta, double derivativeCutoff = 1.0)
{
    private double _value, _derivative;
    private bool _initialized;

    /// <summary>Filters <paramref name="x"/> observed <paramref name="dt"/> seconds after the previous sample.</summary>
    /// <param name="x">The new observation.</param>
    /// <param name="dt">Seconds since the previous observation (≤ 0 is treated as a very short step).</param>
    /// <param name="cutoffScale">Multiplies the cutoff: below 1 trusts the observation less (e.g. low confidence).</param>
    public double Filter(double x, double dt, double cutoffScale = 1.0)
    {
        if (!_initialized)
        {
            _initialized = true;
            _value = x;
            _derivative = 0;
            return x;
        }
        dt = Math.Max(dt, 1e-3);
        double dx = (x - _value) / dt;
        _derivative += Alpha(derivativeCutoff, dt) * (dx - _derivative);
        double cutoff = (minCutoff + beta * Math.Abs(_derivative)) * cutoffScale;
        _value += Alpha(cutoff, dt) * (x - _value);
        return _value;
    }

    /// <summary>Forgets the history: the next observation passes unchanged.</summary>
    public void Reset() => _initialized = false;

    private static double Alpha(double cutoff, double dt)
    {
        double tau = 1.0 / (2 * Math.PI * Math.Max(cutoff, 1e-6));
        return 1.0 / (1.0 + tau / dt);
    }
}
