using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Hosting;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The kiosk's three rates, composed in one place. A capture thread reads the source, publishes each frame into a
/// latest-frame-wins slot for the display and pushes it to the plugin's <see cref="XrayRenderer"/>, whose own
/// synthesis thread takes the newest frame, runs the similarity filter and the synthesizer, and publishes a result;
/// the display (the caller's thread) takes the newest camera frame and acquires the newest result whenever it
/// draws. Nobody waits for anybody: a slow synthesizer only means the X-ray is older, never that the window stalls.
/// </summary>
/// <remarks>
/// The kiosk is a host of the public embedding API like any other: its synthesizer (the SCCDM model on Vulkan or in
/// C#, or the stand-in) goes to the renderer as <see cref="XrayRendererOptions.Synthesizer"/>, with
/// <see cref="RendererOutput.None"/> because the kiosk draws the X-ray itself.
/// </remarks>
internal sealed class KioskPipeline : IDisposable
{
    /// <summary>What the HUD and the recording say about synthesis when the model did not load.</summary>
    private const string NoModel = "no model (failed to load)";

    private readonly IFrameSource _source;
    private readonly KioskControls _controls;
    private readonly KioskMeters _meters;
    private readonly CameraFrame _captured;
    private readonly LatestSlot<CameraFrame> _toDisplay;
    private readonly SynthesisResult[] _shown;
    private readonly CancellationTokenSource _stop = new();
    private SamplerOptions _appliedSampler;
    private Thread? _captureThread;
    private int _shownIndex;
    private bool _fresh;
    private bool _pushed;
    private bool _stopped;
    private volatile bool _sourceEnded;
    private volatile Exception? _captureFault;
    private volatile Exception? _synthesisFault;
    private int _disposed;

    /// <summary>
    /// Wires the capture side to a renderer over <paramref name="synthesizer"/>, which the renderer takes over (it is
    /// disposed with the pipeline, or at once when this throws); nothing runs until <see cref="Start"/> (or the
    /// synchronous steps).
    /// </summary>
    public KioskPipeline(IFrameSource source, IFrameSynthesizer synthesizer, KioskControls controls, KioskMeters meters,
        float reuseThreshold = FrameChangeFilter.DefaultReuseThreshold, float warmStartThreshold = FrameChangeFilter.DefaultWarmStartThreshold)
        : this(source, controls, meters, reuseThreshold, warmStartThreshold, synthesizer.Info.ImageSize)
    {
        var sampler = controls.Sampler;
        Renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            Synthesizer = synthesizer,
            Output = RendererOutput.None,
            Profiler = meters.Profiler,
            Sampler = new RendererSamplerSettings
            {
                Steps = sampler.Steps,
                Variant = sampler.Variant,
                Seed = sampler.Seed,
                SimilarityThreshold = reuseThreshold,
                WarmStartThreshold = warmStartThreshold,
            },
        });
        _appliedSampler = sampler;
        SynthesisInfo = Renderer.Info;
    }

    private KioskPipeline(IFrameSource source, KioskControls controls, KioskMeters meters, float reuseThreshold, float warmStartThreshold, int imageSize)
    {
        _source = source;
        _controls = controls;
        _meters = meters;
        _appliedSampler = controls.Sampler;
        ReuseThreshold = reuseThreshold;
        WarmStartThreshold = warmStartThreshold;
        var info = source.Info;
        _captured = new CameraFrame(info.Width, info.Height);
        _toDisplay = new LatestSlot<CameraFrame>(() => new CameraFrame(info.Width, info.Height));
        _shown = [new SynthesisResult(imageSize), new SynthesisResult(imageSize)];
        SynthesisInfo = new SynthesisInfo(imageSize, NoModel, "", "none", "", "none");
    }

    /// <summary>
    /// A pipeline whose model did not load: the camera runs, synthesis never starts, and the view shows
    /// <paramref name="reason"/> (<see cref="SynthesisFault"/>) in place of the X-ray.
    /// </summary>
    public static KioskPipeline WithoutSynthesis(IFrameSource source, Exception reason, KioskControls controls, KioskMeters meters,
        float reuseThreshold = FrameChangeFilter.DefaultReuseThreshold, float warmStartThreshold = FrameChangeFilter.DefaultWarmStartThreshold) =>
        new(source, controls, meters, reuseThreshold, warmStartThreshold, StandInSynthesizer.ImageSize)
        {
            _synthesisFault = reason,
            SynthesisInfo = new SynthesisInfo(StandInSynthesizer.ImageSize, NoModel, "", "none", reason.Message, "none"),
        };

    /// <summary>The renderer synthesis runs in (the plugin's public embedding API), or null when the model did not load.</summary>
    public XrayRenderer? Renderer { get; }

    /// <summary>Called on the capture thread with every captured frame, before it is handed on (the recorder copies it); must not block.</summary>
    public Action<CameraFrame>? CameraTap { get; set; }

    /// <summary>The similarity filter's reuse threshold (gray levels).</summary>
    public float ReuseThreshold { get; }

    /// <summary>The similarity filter's warm-start threshold (gray levels).</summary>
    public float WarmStartThreshold { get; }

    /// <summary>The similarity filter's last measured difference (+∞ before the first frame), for the HUD.</summary>
    public float LastDifference => Renderer?.LastFrameDifference ?? float.PositiveInfinity;

    /// <summary>What the renderer's synthesis did so far: the filter's classes and cold, warm and reused frames (zero without a model).</summary>
    public SynthesisCounts SynthesisCounts => Renderer?.SynthesisCounts ?? default;

    /// <summary>
    /// Whether moderately changed frames warm-start (the kiosk's default) or are sampled cold like new ones; set it
    /// before <see cref="Start"/> (the renderer takes it from the next frame on). False without a model.
    /// </summary>
    public bool WarmStart
    {
        get => Renderer?.Sampler.WarmStart ?? false;
        set
        {
            if (Renderer is not null)
            {
                Renderer.Sampler = Renderer.Sampler with { WarmStart = value };
            }
        }
    }

    /// <summary>The source's description.</summary>
    public FrameSourceInfo SourceInfo => _source.Info;

    /// <summary>The link state of a live source that reconnects by itself (camera, stream); null for other sources.</summary>
    public CaptureLinkState? LinkState => (_source as ReconnectingFrameSource)?.State;

    /// <summary>The synthesizer's description.</summary>
    public SynthesisInfo SynthesisInfo { get; private init; }

    /// <summary>True once a finite source delivered its last frame.</summary>
    public bool SourceEnded => _sourceEnded;

    /// <summary>The exception that stopped a worker thread (synthesis first), or null. The display keeps running and shows it.</summary>
    public Exception? Fault => _synthesisFault ?? _captureFault;

    /// <summary>Why synthesis stopped (the model did not load, or the synthesizer threw), or null while it runs.</summary>
    public Exception? SynthesisFault => _synthesisFault;

    /// <summary>Why the capture thread stopped with an error (not the end of a finite source), or null.</summary>
    public Exception? CaptureFault => _captureFault;

    /// <summary>Starts the capture thread (the renderer's synthesis thread runs from its creation).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_captureThread is not null)
        {
            throw new InvalidOperationException("The pipeline is already running.");
        }

        _captureThread = new Thread(CaptureLoop) { Name = "capture", IsBackground = true };
        _captureThread.Start();
    }

    /// <summary>Display: the newest camera frame; true when it is new since the last call. Never blocks.</summary>
    public bool TryTakeCamera(out CameraFrame? frame) => _toDisplay.TryTake(out frame);

    /// <summary>
    /// Display: the newest synthesis result, acquired from the renderer and copied (the display keeps it until the
    /// next); true when it is new since the last call. Never blocks.
    /// </summary>
    public bool TryTakeResult(out SynthesisResult? result)
    {
        if (_fresh || Acquire(TimeSpan.Zero))
        {
            _fresh = false;
            result = _shown[_shownIndex];
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>Headless, on the caller's thread: reads one frame, publishes it and pushes it to the renderer. False at the end of the stream.</summary>
    public bool CaptureOnce(CancellationToken cancellationToken = default) => CaptureStep(cancellationToken);

    /// <summary>
    /// Headless, on the caller's thread: waits for the renderer's result for the frame <see cref="CaptureOnce"/>
    /// pushed, if it pushed one since the last call, for the next <see cref="TryTakeResult"/>. A failure becomes
    /// <see cref="SynthesisFault"/> (and false); later calls do nothing.
    /// </summary>
    public bool SynthesizeOnce()
    {
        if (!_pushed)
        {
            return false;
        }

        _pushed = false;
        // No time limit, as when the kiosk synthesized on its own thread: a failure ends the wait with the fault.
        _fresh = Acquire(TimeSpan.MaxValue);
        return _fresh;
    }

    /// <summary>
    /// Stops and joins the capture thread, takes note of a synthesis failure not yet seen, and destroys the renderer
    /// (a synthesis call in progress finishes first). Idempotent; call it on the display thread.
    /// </summary>
    public void Stop()
    {
        _stop.Cancel();
        _captureThread?.Join();
        if (!_stopped)
        {
            try
            {
                Acquire(TimeSpan.Zero);
            }
            catch (RendererException)
            {
                // Called on another thread than the display's: nothing to learn here; the display saw what it saw.
            }

            _stopped = true;
            Renderer?.Dispose();
        }
    }

    /// <summary>Stops, then disposes the renderer (and with it the synthesizer) and the source. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        _source.Dispose();
        _stop.Dispose();
    }

    private void CaptureLoop()
    {
        _meters.Profiler.NameCurrentThread("capture");
        try
        {
            while (!_stop.IsCancellationRequested && CaptureStep(_stop.Token))
            {
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _captureFault = e;
        }
    }

    private bool CaptureStep(CancellationToken cancellationToken)
    {
        CameraFrame frame = _captured;
        if (!_source.ReadFrame(frame, cancellationToken))
        {
            _sourceEnded = true;
            return false;
        }

        // The source stamps CaptureTimestamp when the frame is ready (after any pacing wait), so the stage is
        // measured from there: the copy for the display and the push to the renderer are the capture thread's own work.
        long start = frame.CaptureTimestamp != 0 ? frame.CaptureTimestamp : Stopwatch.GetTimestamp();
        CameraTap?.Invoke(frame);
        CameraFrame copy = _toDisplay.WriteBuffer;
        frame.Pixels.CopyTo(copy.Pixels, 0);
        copy.Sequence = frame.Sequence;
        copy.CaptureTimestamp = frame.CaptureTimestamp;
        copy.StreamTime = frame.StreamTime;
        _toDisplay.Publish();
        Push(frame);
        _meters.Record(_meters.CaptureStage, _meters.CaptureMs, frame.Sequence, start, Stopwatch.GetTimestamp());
        return true;
    }

    // Frozen (Space): synthesis pauses, so the frame is not pushed. New sampler settings (keys) go to the renderer
    // before the frame they apply to.
    private void Push(CameraFrame frame)
    {
        if (Renderer is null || _synthesisFault is not null || _controls.Frozen)
        {
            return;
        }

        try
        {
            var sampler = _controls.Sampler;
            if (!ReferenceEquals(sampler, _appliedSampler))
            {
                Renderer.Sampler = Renderer.Sampler with { Steps = sampler.Steps, Variant = sampler.Variant, Seed = sampler.Seed };
                _appliedSampler = sampler;
            }

            Renderer.PushFrame(frame);
            _pushed = true;
        }
        catch (RendererException e)
        {
            // Synthesis stopped (or the settings were refused): the display shows why; the camera keeps running.
            _synthesisFault ??= e.InnerException ?? e;
        }
    }

    // The consumer's side of the renderer: the newest result is copied into the display's spare buffer, so the
    // renderer gets it back at once and the display keeps its copy as long as it likes.
    private bool Acquire(TimeSpan timeout)
    {
        if (Renderer is null || _stopped || _synthesisFault is not null)
        {
            return false;
        }

        try
        {
            if (!Renderer.TryAcquire(timeout, out var frame))
            {
                return false;
            }

            int next = 1 - _shownIndex;
            try
            {
                frame!.CopyTo(_shown[next]);
                long end = frame.CompletedTimestamp;
                if (!frame.Reused)
                {
                    _meters.SynthesisMs.Add(FrameProfiler.TicksToMs(end - frame.StartedTimestamp), end);
                }

                _meters.SynthesisResults.Add(frame.Reused ? 1 : 0, end);
            }
            finally
            {
                Renderer.Release(frame!);
            }

            _shownIndex = next;
            return true;
        }
        catch (RendererException e) when (e.Status == RendererStatus.SynthesisFailed)
        {
            _synthesisFault ??= e.InnerException ?? e;
            return false;
        }
    }
}
