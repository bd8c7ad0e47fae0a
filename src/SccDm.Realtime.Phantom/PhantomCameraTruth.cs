using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom;

/// <summary>Ground truth of the last frame a <see cref="PhantomCamera"/> produced.</summary>
/// <param name="FrameIndex">The frame's sequence number.</param>
/// <param name="PatientIndex">Which synthetic patient is shown (0, 1, …).</param>
/// <param name="PatientSeed">The phantom seed of that patient.</param>
/// <param name="Angles">The patient's HVA and IMA (fixed for the whole visit) with grades.</param>
/// <param name="Keypoints">The ten keypoints in frame pixel coordinates.</param>
/// <param name="FootFullyInFrame">True when every keypoint lies inside the frame.</param>
public sealed record PhantomCameraTruth(long FrameIndex, long PatientIndex, long PatientSeed, FootAngleMeasurement Angles, KeypointSet Keypoints, bool FootFullyInFrame);
