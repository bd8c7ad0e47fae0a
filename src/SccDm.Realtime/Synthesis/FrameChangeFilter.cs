using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// The similarity filter of the synthesis thread. It compares each camera frame's <see cref="FrameThumbnail"/> with
/// the thumbnail of the last frame that was actually synthesized (not the last reused one, so a slow drift
/// accumulates and eventually forces a new sample):
/// <list type="bullet">
/// <item>mean abs difference &lt; <see cref="ReuseThreshold"/> → <see cref="FrameChange.Unchanged"/> (reuse the result);</item>
/// <item>&lt; <see cref="WarmStartThreshold"/> → <see cref="FrameChange.Moderate"/> (warm start);</item>
/// <item>otherwise, or with nothing to compare to → <see cref="FrameChange.New"/> (sample from noise).</item>
/// </list>
/// Allocates nothing per frame. One thread.
/// </summary>
public sealed class FrameChangeFilter
{
    private readonly FrameThumbnail _current = new();
    private readonly FrameThumbnail _reference = new();

    /// <summary>Creates a filter with the given thresholds (8-bit gray levels of the thumbnail).</summary>
    public FrameChangeFilter(float reuseThreshold = DefaultReuseThreshold, float warmStartThreshold = DefaultWarmStartThreshold)
    {
        ReuseThreshold = reuseThreshold;
        WarmStartThreshold = warmStartThreshold;
    }

    /// <summary>Default reuse threshold: above the phantom camera's sensor noise and idle sway, below a visible move.</summary>
    public const float DefaultReuseThreshold = 0.6f;

    /// <summary>Default warm-start threshold: a foot that shifts a few pixels between samples.</summary>
    public const float DefaultWarmStartThreshold = 4f;

    /// <summary>Below this mean abs difference the previous result is reused. 0 disables reuse.</summary>
    public float ReuseThreshold { get; set; }

    /// <summary>Below this (and at or above <see cref="ReuseThreshold"/>) the sampler warm-starts. 0 disables warm starts.</summary>
    public float WarmStartThreshold { get; set; }

    /// <summary>The difference measured by the last <see cref="Classify"/> (+∞ when there was no reference).</summary>
    public float LastDifference { get; private set; } = float.PositiveInfinity;

    /// <summary>Measures <paramref name="frame"/> against the reference and classifies the change.</summary>
    public FrameChange Classify(CameraFrame frame)
    {
        _current.Compute(frame);
        float difference = _current.MeanAbsDifference(_reference);
        LastDifference = difference;
        if (difference < ReuseThreshold)
        {
            return FrameChange.Unchanged;
        }

        return difference < WarmStartThreshold ? FrameChange.Moderate : FrameChange.New;
    }

    /// <summary>Makes the frame last passed to <see cref="Classify"/> the reference: call it after synthesizing that frame.</summary>
    public void AcceptLast() => _reference.CopyFrom(_current);

    /// <summary>Forgets the reference: the next frame is <see cref="FrameChange.New"/> (e.g. after the sampler settings changed).</summary>
    public void Reset() => _reference.Invalidate();
}
