namespace SccDm.Realtime.Synthesis;

/// <summary>
/// What a <see cref="SynthesisStage"/> did with the frames it was given, counted since it was created: how the
/// similarity filter classified them (<see cref="New"/>, <see cref="Moderate"/>, <see cref="Unchanged"/>) and what
/// ran (<see cref="ColdSamples"/> from noise, <see cref="WarmSamples"/> from the previous result,
/// <see cref="Reused"/> without a network pass). Every frame adds one to each group.
/// </summary>
/// <param name="New">Frames the filter called <see cref="FrameChange.New"/>.</param>
/// <param name="Moderate">Frames the filter called <see cref="FrameChange.Moderate"/> (the warm-start band).</param>
/// <param name="Unchanged">Frames the filter called <see cref="FrameChange.Unchanged"/>.</param>
/// <param name="ColdSamples">Frames sampled from noise (all steps).</param>
/// <param name="WarmSamples">Frames sampled with the warm start (the second half of the steps).</param>
/// <param name="Reused">Frames that reused the previous result.</param>
public readonly record struct SynthesisCounts(long New, long Moderate, long Unchanged, long ColdSamples, long WarmSamples, long Reused)
{
    /// <summary>Frames counted.</summary>
    public long Frames => ColdSamples + WarmSamples + Reused;

    /// <summary>Frames that ran the synthesizer (cold or warm).</summary>
    public long Samples => ColdSamples + WarmSamples;

    /// <summary>The counts of <paramref name="a"/> and <paramref name="b"/> added (e.g. over several runs).</summary>
    public static SynthesisCounts operator +(SynthesisCounts a, SynthesisCounts b) => new(
        a.New + b.New, a.Moderate + b.Moderate, a.Unchanged + b.Unchanged, a.ColdSamples + b.ColdSamples, a.WarmSamples + b.WarmSamples, a.Reused + b.Reused);

    /// <summary>The counts of <paramref name="later"/> minus those of <paramref name="earlier"/>: what happened in between.</summary>
    public static SynthesisCounts operator -(SynthesisCounts later, SynthesisCounts earlier) => new(
        later.New - earlier.New, later.Moderate - earlier.Moderate, later.Unchanged - earlier.Unchanged,
        later.ColdSamples - earlier.ColdSamples, later.WarmSamples - earlier.WarmSamples, later.Reused - earlier.Reused);
}
