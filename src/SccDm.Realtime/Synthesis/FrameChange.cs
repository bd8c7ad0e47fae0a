namespace SccDm.Realtime.Synthesis;

/// <summary>How much a camera frame differs from the last one that was synthesized (see <see cref="FrameChangeFilter"/>).</summary>
public enum FrameChange
{
    /// <summary>A new scene, or nothing to compare with: sample from noise.</summary>
    New,

    /// <summary>Moved a little: sample with the video warm start from the previous result.</summary>
    Moderate,

    /// <summary>Nearly equal: reuse the previous result without sampling.</summary>
    Unchanged,
}
