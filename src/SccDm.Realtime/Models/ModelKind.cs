namespace SccDm.Realtime.Models;

/// <summary>What a model file looks like it is meant to be.</summary>
public enum ModelKind
{
    /// <summary>Neither a denoiser nor a keypoint detector (or unreadable).</summary>
    Unknown = 0,
    /// <summary>An SCCDM denoiser (inputs d_t, cond, t).</summary>
    Denoiser = 1,
    /// <summary>A keypoint detector (input xray, output heatmaps).</summary>
    Keypoints = 2,
}
