namespace SccDm.Realtime.Keypoints;

/// <summary>A keypoint found by the detector: position in image pixels and its confidence (heatmap peak).</summary>
public readonly record struct DetectedKeypoint(float X, float Y, float Confidence);
