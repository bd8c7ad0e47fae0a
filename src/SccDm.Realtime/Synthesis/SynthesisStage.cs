using SccDm.Realtime.Capture;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Synthesis;

/// <summary>
/// The synthesis stage as <see cref="Hosting.XrayRenderer"/> runs it for every host, the kiosk included: the similarity filter decides per camera frame
/// whether to reuse the previous result, warm-start from it, or sample from noise, then the synthesizer runs.
/// <para>
/// Warm-start rule: a frame the filter calls <see cref="FrameChange.Moderate"/> is sampled with
/// <see cref="SamplerOptions.WarmStartIndex"/> = max(1, Steps / 2): the previous result already has the foot's
/// structure, so only the second half of the schedule runs. A <see cref="FrameChange.New"/> frame, the first frame,
/// any change of the sampler options (a different options object), <see cref="WarmStart"/> off and Steps = 1 start
/// from noise. <see cref="FrameChange.Unchanged"/> frames reuse the previous result
/// (<see cref="SynthesisResult.Reused"/>, no network pass). <see cref="Counts"/> says how often each happened.
/// </para>
/// One thread runs it (<see cref="Counts"/> may be read from any). Allocates nothing per frame in the steady state.
/// </summary>
public sealed class SynthesisStage
{
    private readonly IFrameSynthesizer _synthesizer;
    private readonly SynthesisResult _last;
    private SamplerOptions? _lastOptions;
    private SamplerOptions? _warmOptions;
    private bool _warmStart = true;
    private bool _haveResult;
    private long _new, _moderate, _unchanged, _cold, _warm, _reused;

    /// <summary>Creates the stage over <paramref name="synthesizer"/> (not owned) and <paramref name="filter"/>.</summary>
    public SynthesisStage(IFrameSynthesizer synthesizer, FrameChangeFilter filter)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(filter);
        _synthesizer = synthesizer;
        Filter = filter;
        _last = new SynthesisResult(synthesizer.Info.ImageSize);
    }

    /// <summary>The similarity filter (its thresholds and last difference).</summary>
    public FrameChangeFilter Filter { get; }

    /// <summary>What the stage did with the frames so far (a snapshot; safe to read from another thread).</summary>
    public SynthesisCounts Counts => new(
        Volatile.Read(ref _new), Volatile.Read(ref _moderate), Volatile.Read(ref _unchanged),
        Volatile.Read(ref _cold), Volatile.Read(ref _warm), Volatile.Read(ref _reused));

    /// <summary>Whether moderately changed frames warm-start from the previous result (default on). Changing it starts over.</summary>
    public bool WarmStart
    {
        get => _warmStart;
        set
        {
            if (value != _warmStart)
            {
                _warmStart = value;
                _lastOptions = null;
            }
        }
    }

    /// <summary>
    /// Synthesizes <paramref name="frame"/> with <paramref name="options"/> into <paramref name="output"/> (or copies
    /// the previous result when the frame is unchanged). Stamps the frame's id and capture time and the completion
    /// time. Returns true when the synthesizer ran, false when the previous result was reused.
    /// </summary>
    public bool Run(CameraFrame frame, SamplerOptions options, SynthesisResult output)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (!ReferenceEquals(options, _lastOptions))
        {
            // New settings: the previous result was made with others, so neither reuse nor warm-start from it.
            _lastOptions = options;
            _warmOptions = _warmStart && options.Steps >= 2 ? options with { WarmStartIndex = Math.Max(1, options.Steps / 2) } : null;
            Filter.Reset();
            _haveResult = false;
        }

        FrameChange change = Filter.Classify(frame);
        bool sampled;
        if (change == FrameChange.Unchanged && _haveResult)
        {
            output.CopyFrom(_last);
            output.Reused = true;
            output.NetworkCalls = 0;
            sampled = false;
            Interlocked.Increment(ref _reused);
        }
        else
        {
            bool warm = change == FrameChange.Moderate && _haveResult && _warmOptions is not null;
            SamplerOptions run = warm ? _warmOptions! : options;
            _synthesizer.Synthesize(frame, run, _last);
            Interlocked.Increment(ref warm ? ref _warm : ref _cold);
            _last.Reused = false;
            _haveResult = true;
            Filter.AcceptLast();
            output.CopyFrom(_last);
            sampled = true;
        }

        Interlocked.Increment(ref change == FrameChange.New ? ref _new : ref change == FrameChange.Moderate ? ref _moderate : ref _unchanged);
        output.FrameId = frame.Sequence;
        output.CaptureTimestamp = frame.CaptureTimestamp;
        output.CompletedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        return sampled;
    }
}
