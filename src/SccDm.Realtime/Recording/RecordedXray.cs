using SccDm.Realtime.Keypoints;

namespace SccDm.Realtime.Recording;

/// <summary>One X-ray of a recorded session as frames.jsonl describes it: the camera frame it came from and its measurements.</summary>
/// <param name="CameraIndex">Index of its camera frame in camera.mkv.</param>
/// <param name="XraySize">Side of the X-ray the keypoints refer to.</param>
/// <param name="Keypoints">The keypoints in X-ray pixels (empty without a detector).</param>
/// <param name="Kcc">KCC, or NaN.</param>
/// <param name="Hva">HVA in degrees, or NaN.</param>
/// <param name="Ima">IMA in degrees, or NaN.</param>
public sealed record RecordedXray(long CameraIndex, int XraySize, DetectedKeypoint[] Keypoints, double Kcc, double Hva, double Ima);
