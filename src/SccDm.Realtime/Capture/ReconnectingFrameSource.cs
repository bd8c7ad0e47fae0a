using System.Diagnostics;

namespace SccDm.Realtime.Capture;

/// <summary>
/// Keeps a live source (camera, network stream) going: when the inner source fails (its ReadFrame throws or its
/// stream ends), it is disposed and reopened with exponential backoff until a frame arrives again. ReadFrame blocks
/// through the outage instead of throwing, and <see cref="State"/> tells a display "camera lost — retrying".
/// Sequence numbers continue across reopenings; StreamTime is the time since the first frame.
/// </summary>
public sealed class ReconnectingFrameSource : IFrameSource
{
    private readonly Func<IFrameSource> _open;
    private readonly ReconnectOptions _options;
    private readonly Action<TimeSpan, CancellationToken> _delay;
    // Cancelled by Dispose so a backoff wait ends at once. Not disposed: a reader may still hold its token.
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _gate = new();
    private IFrameSource? _inner;
    private CaptureLinkState _state = CaptureLinkState.Live;
    private Exception? _lastFailure;
    private int _attempt;
    private long _sequence;
    private long _firstTimestamp;
    private int _disposed;

    /// <summary>
    /// Opens the first inner source at once, so a source that cannot be opened at all (no such device, no ffmpeg)
    /// fails here with its own exception; later failures are retried.
    /// </summary>
    /// <param name="open">Opens a fresh inner source; called again after each failure. Sources must keep the first one's size.</param>
    /// <param name="options">The backoff; null for 0.5 s doubling to 8 s.</param>
    /// <param name="delay">Waits the given time or until the token is cancelled (tests pass one that returns at once); null to really wait.</param>
    public ReconnectingFrameSource(Func<IFrameSource> open, ReconnectOptions? options = null, Action<TimeSpan, CancellationToken>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _options = options ?? new ReconnectOptions();
        _delay = delay ?? WaitOrCancel;
        _inner = open();
        Info = _inner.Info;
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>The link's current state; may be read from any thread.</summary>
    public CaptureLinkState State => Volatile.Read(ref _state);

    /// <summary>How many times the inner source was reopened successfully.</summary>
    public int Reconnects { get; private set; }

    /// <inheritdoc />
    /// <returns>False only once the source was disposed; transient failures are retried, never thrown.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Info.Width || frame.Height != Info.Height)
        {
            // A caller's mistake, not a transient failure: retrying it would loop for ever.
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}, the source delivers {Info.Width}x{Info.Height}", nameof(frame));
        }

        while (true)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            IFrameSource? inner = _inner ?? Reopen(cancellationToken);
            if (inner is null)
            {
                continue;
            }

            try
            {
                if (inner.ReadFrame(frame, cancellationToken))
                {
                    Stamp(frame);
                    return true;
                }

                _lastFailure = new CaptureException($"{Info.Name}: the stream ended.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _lastFailure = e;
            }

            lock (_gate)
            {
                _inner = null;
            }

            inner.Dispose();
        }
    }

    /// <summary>Disposes the inner source and ends any backoff wait; a blocked ReadFrame then returns false. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        IFrameSource? inner;
        lock (_gate)
        {
            inner = _inner;
            _inner = null;
        }

        inner?.Dispose();
        Volatile.Write(ref _state, new CaptureLinkState(CaptureLinkStatus.Stopped, 0, null, TimeSpan.Zero));
    }

    private static void WaitOrCancel(TimeSpan delay, CancellationToken cancellationToken) => cancellationToken.WaitHandle.WaitOne(delay);

    /// <summary>Waits out the backoff and tries one reopen; returns the new source, or null after a failed attempt or on dispose.</summary>
    private IFrameSource? Reopen(CancellationToken cancellationToken)
    {
        _attempt++;
        TimeSpan wait = _options.DelayBefore(_attempt);
        Volatile.Write(ref _state, new CaptureLinkState(CaptureLinkStatus.Reconnecting, _attempt, _lastFailure?.Message, wait));
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token))
        {
            _delay(wait, linked.Token);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _disposed) != 0)
        {
            return null;
        }

        IFrameSource opened;
        try
        {
            opened = _open();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _lastFailure = e;
            return null;
        }

        if (opened.Info.Width != Info.Width || opened.Info.Height != Info.Height)
        {
            opened.Dispose();
            _lastFailure = new CaptureException($"{Info.Name}: reopened at {opened.Info.Width}x{opened.Info.Height}, expected {Info.Width}x{Info.Height}.");
            return null;
        }

        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                opened.Dispose();
                return null;
            }

            _inner = opened;
        }

        Reconnects++;
        return opened;
    }

    private void Stamp(CameraFrame frame)
    {
        if (_attempt != 0 || _state.Status != CaptureLinkStatus.Live)
        {
            _attempt = 0;
            _lastFailure = null;
            Volatile.Write(ref _state, CaptureLinkState.Live);
        }

        if (frame.CaptureTimestamp == 0)
        {
            frame.CaptureTimestamp = Stopwatch.GetTimestamp();
        }

        if (_sequence == 0)
        {
            _firstTimestamp = frame.CaptureTimestamp;
        }

        // The inner source restarts its numbering on each reopen; the pipeline needs one monotonic sequence.
        frame.Sequence = _sequence++;
        frame.StreamTime = (double)(frame.CaptureTimestamp - _firstTimestamp) / Stopwatch.Frequency;
    }
}
