using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The kiosk's three rates, composed in one place. A capture thread reads the source and publishes each frame into
/// two latest-frame-wins slots (one for synthesis, one for the display); a synthesis thread takes the newest frame,
/// runs the similarity filter and the synthesizer, and publishes into a third slot; the display (the caller's
/// thread) takes the newest camera frame and the newest result whenever it draws. Nobody waits for anybody: a slow
/// synthesizer only means the X-ray is older, never that the window stalls.
/// </summary>
/// <remarks>
/// The synthesis step is the plugin's <see cref="SynthesisStage"/> (similarity filter, reuse, warm start), the same
/// stage an embedding host runs through <see cref="Hosting.XrayRenderer"/>.
/// </remarks>
internal sealed class KioskPipeline : IDisposable
{
    private readonly IFrameSource _source;
    private readonly IFrameSynthesizer _synthesizer;
    private readonly KioskControls _controls;
    private readonly KioskMeters _meters;
    private readonly LatestSlot<CameraFrame> _toSynthesis;
    private readonly LatestSlot<CameraFrame> _toDisplay;
    private readonly LatestSlot<SynthesisResult> _results;
    private readonly SynthesisStage _stage;
    private readonly AutoResetEvent _frameArrived = new(false);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _captureThread;
    private Thread? _synthesisThread;
    private volatile bool _sourceEnded;
    private volatile Exception? _captureFault;
    private volatile Exception? _synthesisFault;
    private int _disposed;

    /// <summary>Wires the slots; nothing runs until <see cref="Start"/> (or the synchronous steps).</summary>
    public KioskPipeline(IFrameSource source, IFrameSynthesizer synthesizer, KioskControls controls, KioskMeters meters, FrameChangeFilter filter)
    {
        _source = source;
        _synthesizer = synthesizer;
        _controls = controls;
        _meters = meters;
        _stage = new SynthesisStage(synthesizer, filter);
        var info = source.Info;
        _toSynthesis = new LatestSlot<CameraFrame>(() => new CameraFrame(info.Width, info.Height));
        _toDisplay = new LatestSlot<CameraFrame>(() => new CameraFrame(info.Width, info.Height));
        int size = synthesizer.Info.ImageSize;
        _results = new LatestSlot<SynthesisResult>(() => new SynthesisResult(size));
        if (synthesizer is FailedSynthesizer failed)
        {
            // The model did not load: the camera runs, synthesis never starts, and the view shows why.
            _synthesisFault = failed.Reason;
        }
    }

    /// <summary>Called on the capture thread with every captured frame, before it is handed on (the recorder copies it); must not block.</summary>
    public Action<CameraFrame>? CameraTap { get; set; }

    /// <summary>The similarity filter (its thresholds and last difference are shown in the HUD).</summary>
    public FrameChangeFilter Filter => _stage.Filter;

    /// <summary>The source's description.</summary>
    public FrameSourceInfo SourceInfo => _source.Info;

    /// <summary>The link state of a live source that reconnects by itself (camera, stream); null for other sources.</summary>
    public CaptureLinkState? LinkState => (_source as ReconnectingFrameSource)?.State;

    /// <summary>The synthesizer's description.</summary>
    public SynthesisInfo SynthesisInfo => _synthesizer.Info;

    /// <summary>True once a finite source delivered its last frame.</summary>
    public bool SourceEnded => _sourceEnded;

    /// <summary>The exception that stopped a worker thread (synthesis first), or null. The display keeps running and shows it.</summary>
    public Exception? Fault => _synthesisFault ?? _captureFault;

    /// <summary>Why synthesis stopped (the model did not load, or the synthesizer threw), or null while it runs.</summary>
    public Exception? SynthesisFault => _synthesisFault;

    /// <summary>Why the capture thread stopped with an error (not the end of a finite source), or null.</summary>
    public Exception? CaptureFault => _captureFault;

    /// <summary>Starts the capture and synthesis threads.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_captureThread is not null)
        {
            throw new InvalidOperationException("The pipeline is already running.");
        }

        _captureThread = new Thread(CaptureLoop) { Name = "capture", IsBackground = true };
        _synthesisThread = new Thread(SynthesisLoop) { Name = "synthesis", IsBackground = true };
        _captureThread.Start();
        _synthesisThread.Start();
    }

    /// <summary>Display: the newest camera frame; true when it is new since the last call. Never blocks.</summary>
    public bool TryTakeCamera(out CameraFrame? frame) => _toDisplay.TryTake(out frame);

    /// <summary>Display: the newest synthesis result; true when it is new since the last call. Never blocks.</summary>
    public bool TryTakeResult(out SynthesisResult? result) => _results.TryTake(out result);

    /// <summary>Headless, on the caller's thread: reads one frame and publishes it. False at the end of the stream.</summary>
    public bool CaptureOnce(CancellationToken cancellationToken = default) => CaptureStep(cancellationToken);

    /// <summary>
    /// Headless, on the caller's thread: synthesizes the newest captured frame, if there is a new one. A failure
    /// becomes <see cref="SynthesisFault"/> (and false), as on the synthesis thread; later calls do nothing.
    /// </summary>
    public bool SynthesizeOnce()
    {
        if (_synthesisFault is not null || !_toSynthesis.TryTake(out var frame))
        {
            return false;
        }

        try
        {
            return SynthesisStep(frame!);
        }
        catch (Exception e)
        {
            _synthesisFault = e;
            return false;
        }
    }

    /// <summary>Stops and joins the worker threads (idempotent). A synthesis call in progress finishes first.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _frameArrived.Set();
        _captureThread?.Join();
        _synthesisThread?.Join();
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
        finally
        {
            _frameArrived.Set();
        }
    }

    private bool CaptureStep(CancellationToken cancellationToken)
    {
        CameraFrame frame = _toSynthesis.WriteBuffer;
        if (!_source.ReadFrame(frame, cancellationToken))
        {
            _sourceEnded = true;
            return false;
        }

        // The source stamps CaptureTimestamp when the frame is ready (after any pacing wait), so the stage is
        // measured from there: the copy for the display and the hand-over are the capture thread's own work.
        long start = frame.CaptureTimestamp != 0 ? frame.CaptureTimestamp : Stopwatch.GetTimestamp();
        CameraTap?.Invoke(frame);
        CameraFrame copy = _toDisplay.WriteBuffer;
        frame.Pixels.CopyTo(copy.Pixels, 0);
        copy.Sequence = frame.Sequence;
        copy.CaptureTimestamp = frame.CaptureTimestamp;
        copy.StreamTime = frame.StreamTime;
        _toDisplay.Publish();
        _toSynthesis.Publish();
        _frameArrived.Set();
        _meters.Record(_meters.CaptureStage, _meters.CaptureMs, frame.Sequence, start, Stopwatch.GetTimestamp());
        return true;
    }

    private void SynthesisLoop()
    {
        _meters.Profiler.NameCurrentThread("synthesis");
        try
        {
            while (!_stop.IsCancellationRequested && _synthesisFault is null)
            {
                if (_controls.Frozen || !_toSynthesis.TryTake(out var frame))
                {
                    if (_sourceEnded && !_controls.Frozen)
                    {
                        return;
                    }

                    // Woken by the next capture; the timeout only re-checks freeze and stop.
                    _frameArrived.WaitOne(100);
                    continue;
                }

                SynthesisStep(frame!);
            }
        }
        catch (Exception e)
        {
            _synthesisFault = e;
        }
    }

    private bool SynthesisStep(CameraFrame frame)
    {
        long start = Stopwatch.GetTimestamp();
        SynthesisResult output = _results.WriteBuffer;
        bool sampled = _stage.Run(frame, _controls.Sampler, output);
        long end = output.CompletedTimestamp;
        _results.Publish();
        if (sampled)
        {
            _meters.Record(_meters.SynthesisStage, _meters.SynthesisMs, frame.Sequence, start, end);
        }

        _meters.SynthesisResults.Add(sampled ? 0 : 1, end);
        return true;
    }

    /// <summary>Stops the threads, then disposes the synthesizer and the source (reverse order of creation). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        _synthesizer.Dispose();
        _source.Dispose();
        _frameArrived.Dispose();
        _stop.Dispose();
    }
}
