using System.Diagnostics;
using System.Text;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Recording;

/// <summary>
/// Records one screening session into <c>FOLDER/&lt;random id&gt;/</c> (0700): the composed view as H.264 in a
/// fragmented MP4, the camera frames losslessly for replay, <c>frames.jsonl</c> (one line per view frame) and
/// <c>session.json</c>. Producers never wait in real-time mode: the display and the capture thread copy their frame
/// into a free slot of a bounded queue and go on; with no free slot the frame is dropped and counted. Two threads
/// (one per encoder) feed ffmpeg. A write error (full disk, file-size limit, ffmpeg failing) stops the recording
/// with <see cref="Failure"/> set, keeps what was written playable, and never throws at the producers.
/// </summary>
public sealed class RecordingSession : IDisposable
{
    private const int SequenceMapSize = 1024;
    private static readonly TimeSpan _finishWait = TimeSpan.FromSeconds(15);

    private readonly RecordingOptions _options;
    private readonly SlotQueue<ViewFrame> _viewQueue;
    private readonly SlotQueue<CameraSlot> _cameraQueue;
    private readonly VideoEncoder _viewEncoder;
    private readonly VideoEncoder _cameraEncoder;
    private readonly FrameLogWriter _log;
    private readonly FileStream _cameraLog;
    private readonly byte[] _cameraLine = new byte[128];
    private readonly SessionManifestWriter _manifest;
    private readonly Thread _viewThread;
    private readonly Thread _cameraThread;
    private readonly ManualResetEventSlim _finished = new(false);
    private readonly long _startTimestamp;
    private readonly long _minViewInterval;
    private readonly long[] _mapSequence = new long[SequenceMapSize];
    private readonly long[] _mapIndex = new long[SequenceMapSize];
    private readonly object _mapLock = new();
    private readonly object _stateLock = new();
    private byte[] _scaled = [];
    private long _nextViewDue;
    private long _cameraIndex;
    private long _viewFrames;
    private long _viewDropped;
    private long _cameraFrames;
    private long _cameraDropped;
    private long _endTimestamp;
    private volatile string? _failure;
    private volatile bool _stopped;
    private volatile bool _done;
    private int _disposed;

    private RecordingSession(RecordingOptions options, string id, string folder, DateTimeOffset started, long startTimestamp)
    {
        _options = options;
        Id = id;
        Folder = folder;
        StartedUtc = started;
        _startTimestamp = startTimestamp;
        _minViewInterval = options.RealTime && options.ViewFps > 0 ? (long)(Stopwatch.Frequency / options.ViewFps * 0.9) : 0;
        Array.Fill(_mapSequence, -1);
        _viewQueue = new SlotQueue<ViewFrame>(options.QueueCapacity, () => new ViewFrame());
        _cameraQueue = new SlotQueue<CameraSlot>(options.QueueCapacity, () => new CameraSlot(options.CameraWidth * options.CameraHeight * 4));
        _manifest = new SessionManifestWriter(Path.Combine(folder, SessionFiles.Manifest), id, options, started);
        _log = new FrameLogWriter(Path.Combine(folder, SessionFiles.FrameLog), startTimestamp);
        _cameraLog = PrivateFiles.CreateFile(Path.Combine(folder, SessionFiles.CameraLog), bufferSize: 0);
        try
        {
            _viewEncoder = new VideoEncoder(new VideoEncoderOptions
            {
                Path = Path.Combine(folder, SessionFiles.View),
                Width = options.ViewWidth,
                Height = options.ViewHeight,
                Codec = VideoCodec.H264FragmentedMp4,
                Fps = options.ViewFps,
                WallClock = options.RealTime,
                KeyframeInterval = Math.Max(1, (int)Math.Round(options.ViewFps)),
            });
            try
            {
                _cameraEncoder = new VideoEncoder(new VideoEncoderOptions
                {
                    Path = Path.Combine(folder, SessionFiles.Camera),
                    Width = options.CameraWidth,
                    Height = options.CameraHeight,
                    Codec = VideoCodec.LosslessRgbMatroska,
                    KeyframeInterval = Math.Max(1, (int)Math.Round(options.CameraFps)),
                    Fps = options.CameraFps,
                });
            }
            catch
            {
                _viewEncoder.Dispose();
                throw;
            }
        }
        catch
        {
            _log.Dispose();
            _cameraLog.Dispose();
            throw;
        }

        _viewThread = new Thread(ViewLoop) { IsBackground = true, Name = "recording view" };
        _cameraThread = new Thread(CameraLoop) { IsBackground = true, Name = "recording camera" };
    }

    /// <summary>The session's random id (its folder name).</summary>
    public string Id { get; }

    /// <summary>The session folder.</summary>
    public string Folder { get; }

    /// <summary>When the recording started.</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>Where the recording is.</summary>
    public RecordingState State => _failure is not null ? RecordingState.Failed : _done ? RecordingState.Finished : _stopped ? RecordingState.Finishing : RecordingState.Recording;

    /// <summary>Why the recording stopped by itself (one line: which file, what happened), or null.</summary>
    public string? Failure => _failure;

    /// <summary>Time since the start, frozen when the recording stops.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            long end = Volatile.Read(ref _endTimestamp);
            return Stopwatch.GetElapsedTime(_startTimestamp, end != 0 ? end : Stopwatch.GetTimestamp());
        }
    }

    /// <summary>View frames encoded (= lines of frames.jsonl).</summary>
    public long ViewFrames => Interlocked.Read(ref _viewFrames);

    /// <summary>View frames dropped because the encoder was behind.</summary>
    public long ViewFramesDropped => Interlocked.Read(ref _viewDropped);

    /// <summary>Camera frames encoded.</summary>
    public long CameraFrames => Interlocked.Read(ref _cameraFrames);

    /// <summary>Camera frames dropped because the encoder was behind.</summary>
    public long CameraFramesDropped => Interlocked.Read(ref _cameraDropped);

    /// <summary>
    /// Creates the session folder (0700) with its README, starts both encoders and the writer threads.
    /// </summary>
    /// <exception cref="RecordingException">The folder cannot be created, or ffmpeg is missing or does not start.</exception>
    public static RecordingSession Start(RecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Metadata);
        if (options.ViewWidth < 2 || options.ViewHeight < 2 || options.CameraWidth < 2 || options.CameraHeight < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "view and camera sizes must be at least 2×2");
        }

        var started = DateTimeOffset.UtcNow;
        long startTimestamp = Stopwatch.GetTimestamp();
        string id = SessionId.New(started);
        string folder = Path.Combine(Path.GetFullPath(options.Folder), id);
        try
        {
            PrivateFiles.CreateFolder(options.Folder);
            PrivateFiles.CreateFolder(folder);
            using (var readme = PrivateFiles.CreateFile(Path.Combine(folder, SessionFiles.Readme)))
            {
                readme.Write(Encoding.UTF8.GetBytes(Readme(id)));
            }
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e) || e is ArgumentException or NotSupportedException)
        {
            throw new RecordingException($"cannot create the recording folder {folder}: {WriteErrors.Describe(e)}", e);
        }

        RecordingSession session;
        try
        {
            session = new RecordingSession(options, id, folder, started, startTimestamp);
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e))
        {
            throw new RecordingException($"cannot create the recording files in {folder}: {WriteErrors.Describe(e)}", e);
        }

        session._viewThread.Start();
        session._cameraThread.Start();
        return session;
    }

    /// <summary>
    /// Capture thread: copies <paramref name="frame"/> for the camera file. Never blocks in real-time mode (a full
    /// queue drops the frame and counts it). False when the frame was not taken.
    /// </summary>
    public bool TryAddCamera(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_stopped || _failure is not null)
        {
            return false;
        }

        if (frame.Width != _options.CameraWidth || frame.Height != _options.CameraHeight)
        {
            Fail($"the camera delivered a {frame.Width}×{frame.Height} frame; the recording was started for {_options.CameraWidth}×{_options.CameraHeight}.");
            return false;
        }

        var slot = _cameraQueue.TryRent(wait: !_options.RealTime);
        if (slot is null)
        {
            if (!_cameraQueue.IsClosed)
            {
                Interlocked.Increment(ref _cameraDropped);
            }

            return false;
        }

        frame.Pixels.CopyTo(slot.Pixels, 0);
        slot.Sequence = frame.Sequence;
        slot.CaptureTimestamp = frame.CaptureTimestamp;
        lock (_mapLock)
        {
            long index = _cameraIndex++;
            int i = (int)(frame.Sequence & (SequenceMapSize - 1));
            _mapSequence[i] = frame.Sequence;
            _mapIndex[i] = index;
        }

        _cameraQueue.Publish(slot);
        return true;
    }

    /// <summary>
    /// Display thread: a slot for the view frame composed at <paramref name="now"/> (Stopwatch ticks), or null when not
    /// recording, when this frame is skipped to hold <see cref="RecordingOptions.ViewFps"/>, or when the encoder is
    /// behind (dropped and counted). Fill it, then <see cref="CommitView"/> it.
    /// </summary>
    public ViewFrame? TryBeginView(long now)
    {
        if (_stopped || _failure is not null)
        {
            return null;
        }

        if (_minViewInterval > 0)
        {
            if (now < _nextViewDue)
            {
                return null;
            }

            _nextViewDue = now + _minViewInterval;
        }

        var slot = _viewQueue.TryRent(wait: !_options.RealTime);
        if (slot is null && !_viewQueue.IsClosed)
        {
            Interlocked.Increment(ref _viewDropped);
        }

        return slot;
    }

    /// <summary>Display thread: hands a filled slot to the encoder.</summary>
    public void CommitView(ViewFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _viewQueue.Publish(frame);
    }

    /// <summary>Display thread: gives back a slot from <see cref="TryBeginView"/> that will not be committed.</summary>
    public void CancelView(ViewFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _viewQueue.Return(frame);
    }

    /// <summary>Stops taking frames; the encoders finish in the background (<see cref="WaitForFinish"/>). Idempotent.</summary>
    public void Stop()
    {
        lock (_stateLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            Interlocked.CompareExchange(ref _endTimestamp, Stopwatch.GetTimestamp(), 0);
        }

        _viewQueue.Close();
        _cameraQueue.Close();
    }

    /// <summary>Waits until every file is closed; false on timeout.</summary>
    public bool WaitForFinish(TimeSpan timeout) => _finished.Wait(timeout);

    /// <summary>Stops and waits (bounded) for the files to be finished. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        if (!_finished.Wait(_finishWait))
        {
            // ffmpeg hangs: kill it; what reached the files stays.
            _viewEncoder.Dispose();
            _cameraEncoder.Dispose();
            _finished.Wait(_finishWait);
        }
    }

    private static string Readme(string id) =>
        $"""
        SCCDM screening session {id}

        {SessionFiles.SyntheticNote}

        {SessionFiles.View}      the kiosk view as shown (H.264, fragmented MP4), with the watermark
        {SessionFiles.Camera}    the camera frames, lossless (H.264 RGB at qp 0): `sccdm replay` synthesizes them again
        {SessionFiles.CameraLog}  one JSON line per camera frame: its capture time
        {SessionFiles.FrameLog}  one JSON line per frame of the view: timestamps, keypoints, KCC, HVA/IMA, timings
        {SessionFiles.Manifest}  app version, model SHA-256s, sampler settings, devices, start and end time

        This folder holds patient data: it is readable by its owner only. Keep it that way.

        """;

    private void Fail(string message)
    {
        lock (_stateLock)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = message;
            Interlocked.CompareExchange(ref _endTimestamp, Stopwatch.GetTimestamp(), 0);
        }

        _viewQueue.Close();
        _cameraQueue.Close();
    }

    private long CameraIndexOf(long sequence)
    {
        if (sequence < 0)
        {
            return -1;
        }

        lock (_mapLock)
        {
            int i = (int)(sequence & (SequenceMapSize - 1));
            return _mapSequence[i] == sequence ? _mapIndex[i] : -1;
        }
    }

    private void ViewLoop()
    {
        try
        {
            _manifest.HashModels();
            _manifest.Write("recording", null, null, 0, 0, 0, 0);
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e))
        {
            Fail($"cannot write {Path.Combine(Folder, SessionFiles.Manifest)}: {WriteErrors.Describe(e)}");
        }

        while (_viewQueue.Take() is { } frame)
        {
            if (_failure is null)
            {
                try
                {
                    _viewEncoder.Write(Fit(frame));
                    _log.Write(_viewEncoder.Frames - 1, frame, CameraIndexOf(frame.CameraSequence), frame.HasResult ? CameraIndexOf(frame.ResultSequence) : -1);
                    Interlocked.Increment(ref _viewFrames);
                }
                catch (Exception e) when (e is RecordingException or IOException or ArgumentException or InvalidOperationException)
                {
                    Fail(e.Message);
                }
            }

            _viewQueue.Return(frame);
        }

        _cameraThread.Join();
        Finish();
    }

    private void CameraLoop()
    {
        while (_cameraQueue.Take() is { } slot)
        {
            if (_failure is null)
            {
                try
                {
                    _cameraEncoder.Write(slot.Pixels);
                    WriteCameraLine(_cameraEncoder.Frames - 1, slot);
                    Interlocked.Increment(ref _cameraFrames);
                }
                catch (Exception e) when (e is RecordingException or IOException or InvalidOperationException)
                {
                    Fail(e.Message);
                }
            }

            _cameraQueue.Return(slot);
        }
    }

    private void WriteCameraLine(long index, CameraSlot slot)
    {
        double t = (double)(slot.CaptureTimestamp - _startTimestamp) / Stopwatch.Frequency;
        if (!System.Text.Unicode.Utf8.TryWrite(_cameraLine, System.Globalization.CultureInfo.InvariantCulture, $"{{\"index\":{index},\"sequence\":{slot.Sequence},\"t_capture\":{t:0.######}}}\n", out int written))
        {
            throw new InvalidOperationException("camera log line too long");
        }

        try
        {
            _cameraLog.Write(_cameraLine, 0, written);
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e))
        {
            throw new IOException($"cannot write {Path.Combine(Folder, SessionFiles.CameraLog)}: {WriteErrors.Describe(e)}", e);
        }
    }

    private void Finish()
    {
        foreach (var encoder in new[] { _viewEncoder, _cameraEncoder })
        {
            try
            {
                encoder.Finish();
            }
            catch (RecordingException e)
            {
                Fail(e.Message);
            }

            encoder.Dispose();
        }

        _log.Dispose();
        _cameraLog.Dispose();
        Interlocked.CompareExchange(ref _endTimestamp, Stopwatch.GetTimestamp(), 0);
        var ended = StartedUtc + Stopwatch.GetElapsedTime(_startTimestamp, Volatile.Read(ref _endTimestamp));
        try
        {
            _manifest.Write(_failure is null ? "finished" : "failed", ended, _failure, ViewFrames, ViewFramesDropped, CameraFrames, CameraFramesDropped);
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e))
        {
            Fail($"cannot write {Path.Combine(Folder, SessionFiles.Manifest)}: {WriteErrors.Describe(e)}");
        }

        _done = true;
        _finished.Set();
    }

    /// <summary>The view frame's pixels at the encoder's size: as they are, or scaled to fit (the window was resized).</summary>
    private ReadOnlySpan<byte> Fit(ViewFrame frame)
    {
        int w = _options.ViewWidth, h = _options.ViewHeight;
        if (frame.Width == w && frame.Height == h)
        {
            return frame.Pixels;
        }

        if (_scaled.Length != w * h * 4)
        {
            _scaled = new byte[w * h * 4];
        }

        RgbaFit.Nearest(frame.Pixels, frame.Width, frame.Height, _scaled, w, h);
        return _scaled;
    }

    private sealed class CameraSlot(int bytes)
    {
        public byte[] Pixels { get; } = new byte[bytes];

        public long Sequence { get; set; }

        public long CaptureTimestamp { get; set; }
    }
}
