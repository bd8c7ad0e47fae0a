namespace SccDm.Realtime.Keypoints;

/// <summary>
/// Smooths a stream of detected keypoints over time with a One-Euro filter per coordinate, aware of confidence: a
/// confident point follows its detection, an unsure one (below τ) moves slowly, so one bad frame does not make
/// the skeleton jump. Confidences pass through unchanged. Allocation-free.
/// </summary>
public sealed class KeypointSmoother
{
    private readonly OneEuroFilter[] _x, _y;
    private long _lastTimestamp;

    /// <summary>Creates a smoother for <paramref name="count"/> keypoints.</summary>
    /// <param name="count">Keypoints per frame.</param>
    /// <param name="minCutoff">Cutoff at rest, Hz.</param>
    /// <param name="beta">Speed coefficient, per pixel/s.</param>
    public KeypointSmoother(int count = 10, double minCutoff = 0.5, double beta = 0.05)
    {
        _x = new OneEuroFilter[count];
        _y = new OneEuroFilter[count];
        for (int i = 0; i < count; i++)
        {
            _x[i] = new OneEuroFilter(minCutoff, beta);
            _y[i] = new OneEuroFilter(minCutoff, beta);
        }
    }

    /// <summary>Smooths <paramref name="keypoints"/> in place; <paramref name="timestamp"/> is in Stopwatch ticks.</summary>
    public void Apply(Span<DetectedKeypoint> keypoints, long timestamp)
    {
        double dt = _lastTimestamp == 0 ? 0 : (timestamp - _lastTimestamp) / (double)System.Diagnostics.Stopwatch.Frequency;
        _lastTimestamp = timestamp;
        for (int i = 0; i < keypoints.Length && i < _x.Length; i++)
        {
            DetectedKeypoint k = keypoints[i];
            // Full trust at or above τ; below it, the cutoff falls with the confidence (down to a tenth).
            double scale = k.Confidence >= Kcc.DefaultTau ? 1.0 : Math.Max(0.1, k.Confidence / Kcc.DefaultTau);
            keypoints[i] = k with
            {
                X = (float)_x[i].Filter(k.X, dt, scale),
                Y = (float)_y[i].Filter(k.Y, dt, scale),
            };
        }
    }

    /// <summary>Forgets the history (a new patient, a scene cut).</summary>
    public void Reset()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i].Reset();
            _y[i].Reset();
        }
        _lastTimestamp = 0;
    }
}
