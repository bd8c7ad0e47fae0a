namespace SccDm.Realtime.Keypoints;

/// <summary>
/// Keypoint Confidence-Completeness (paper eq. 12): KCC = S · (1/M)·Σ 1(cᵢ ≥ τ), with S = (1/M)·Σ cᵢ.
/// </summary>
public static class Kcc
{
    /// <summary>The paper's confidence threshold τ.</summary>
    public const float DefaultTau = 0.65f;

    /// <summary>The paper's clinical bar: below it the kiosk asks the patient to hold still.</summary>
    public const float ClinicalBar = 0.75f;

    /// <summary>KCC of the given confidences.</summary>
    public static float Compute(ReadOnlySpan<DetectedKeypoint> keypoints, float tau = DefaultTau)
    {
        if (keypoints.IsEmpty)
        {
            return 0f;
        }
        float sum = 0;
        int confident = 0;
        foreach (DetectedKeypoint k in keypoints)
        {
            sum += k.Confidence;
            if (k.Confidence >= tau)
            {
                confident++;
            }
        }
        int m = keypoints.Length;
        return sum / m * ((float)confident / m);
    }
}
