using System.ComponentModel;
using System.Diagnostics;

namespace SccDm.Realtime.Capture;

/// <summary>
/// Frames from the ffmpeg command-line tool: a child process decodes the input (a lavfi graph, a video file, a
/// folder of images, a V4L2 device or a network stream), scales it and writes raw RGBA frames to a pipe, which
/// <see cref="ReadFrame"/> reads into the caller's reusable frame. Finite and synthetic inputs are opened eagerly
/// (the first frame is read in the constructor) so a bad file or graph fails at open with ffmpeg's own message;
/// live inputs are not, because a camera or stream may take seconds to deliver. Live sources are usually wrapped
/// in a <see cref="ReconnectingFrameSource"/>.
/// </summary>
public sealed class FfmpegFrameSource : IFrameSource
{
    private static readonly TimeSpan _exitWait = TimeSpan.FromSeconds(5);
    private const int StderrLines = 6;

    private readonly CaptureSpec _spec;
    private readonly FfmpegFrameSourceOptions _options;
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly StderrTail _stderr;
    private readonly int _frameBytes;
    private byte[]? _primed;
    private long _primedTimestamp;
    private long _sequence;
    private long _firstTimestamp;
    private bool _ended;
    private int _killed;
    private int _disposed;
    private CancellationToken _registeredToken;
    private CancellationTokenRegistration _registration;

    /// <summary>Starts ffmpeg for <paramref name="spec"/>; for finite and synthetic inputs, also waits for the first frame.</summary>
    /// <exception cref="CaptureException">
    /// ffmpeg is missing, the file, folder or device does not exist, or (finite inputs) ffmpeg failed before the first frame.
    /// </exception>
    public FfmpegFrameSource(CaptureSpec spec, FfmpegFrameSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _options = options ?? new FfmpegFrameSourceOptions();
        _options.Validate();
        string ffmpeg = FfmpegTool.FindFfmpeg() ?? throw new CaptureException(FfmpegTool.MissingMessage);
        ImageFolder? folder = Preflight(spec);
        _frameBytes = checked(_options.Width * _options.Height * 4);
        Info = new FrameSourceInfo($"{spec.Describe()} (ffmpeg)", _options.Width, _options.Height, _options.Fps);

        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in FfmpegArguments.Build(spec, _options, folder))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new CaptureException($"{spec.Describe()}: ffmpeg ({ffmpeg}) did not start.");
        }
        catch (Win32Exception e)
        {
            throw new CaptureException($"{spec.Describe()}: could not run ffmpeg ({ffmpeg}): {e.Message}. {FfmpegTool.MissingMessage}", e);
        }

        _stdout = _process.StandardOutput.BaseStream;
        _stderr = new StderrTail(_process.StandardError, StderrLines, "ffmpeg stderr");
        if (spec.IsLive)
        {
            return;
        }

        try
        {
            _primed = new byte[_frameBytes];
            if (!ReadExactly(_primed))
            {
                ThrowIfFailed();
                throw new CaptureException($"{spec.Describe()}: ffmpeg delivered no frames{StderrSuffix()}");
            }

            _primedTimestamp = Stopwatch.GetTimestamp();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>The parsed spec this source reads.</summary>
    public CaptureSpec Spec => _spec;

    /// <summary>Parses <paramref name="spec"/> (see <see cref="CaptureSpec.Forms"/>) and opens it.</summary>
    /// <exception cref="CaptureException">A malformed or unknown spec, or one that cannot be opened.</exception>
    public static FfmpegFrameSource Open(string spec, FfmpegFrameSourceOptions? options = null) => new(CaptureSpec.Parse(spec), options);

    /// <inheritdoc />
    /// <exception cref="CaptureException">ffmpeg failed (the message carries the last lines of its stderr).</exception>
    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (frame.Width != _options.Width || frame.Height != _options.Height)
        {
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}, the source delivers {_options.Width}x{_options.Height}", nameof(frame));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_ended)
        {
            return false;
        }

        long timestamp;
        if (_primed is not null)
        {
            _primed.CopyTo(frame.Pixels, 0);
            timestamp = _primedTimestamp;
            _primed = null;
        }
        else
        {
            WatchCancellation(cancellationToken);
            bool complete = ReadExactly(frame.Pixels);
            timestamp = Stopwatch.GetTimestamp();
            if (!complete)
            {
                _ended = true;
                cancellationToken.ThrowIfCancellationRequested();
                if (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _killed) != 0)
                {
                    return false;
                }

                ThrowIfFailed();
                return false;
            }
        }

        if (_sequence == 0)
        {
            _firstTimestamp = timestamp;
        }

        frame.Sequence = _sequence;
        frame.CaptureTimestamp = timestamp;
        // Finite inputs come out at a constant rate (-r), so their stream time is exact; live ones are timed by arrival.
        frame.StreamTime = _spec.IsLive ? (double)(timestamp - _firstTimestamp) / Stopwatch.Frequency : _sequence / _options.Fps;
        _sequence++;
        return true;
    }

    /// <summary>Kills ffmpeg (with any children), waits for it and for the stderr thread, bounded. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _registration.Dispose();
        Kill();
        _process.WaitForExit(_exitWait);
        _stderr.Join(_exitWait);
        _process.Dispose();
    }

    private static ImageFolder? Preflight(CaptureSpec spec)
    {
        switch (spec.Kind)
        {
            case CaptureKind.File when !File.Exists(spec.Target):
                throw new CaptureException(Directory.Exists(spec.Target)
                    ? $"{spec.Target} is a folder, not a video file; use folder:{spec.Target} to play its images."
                    : $"video file not found: {spec.Target}");
            case CaptureKind.V4l2 when !File.Exists(spec.Target):
                throw new CaptureException($"camera device not found: {spec.Target} (is the camera plugged in? `ls /dev/video*` lists the devices).");
            case CaptureKind.Folder:
                return ImageFolder.Resolve(spec.Target);
            default:
                return null;
        }
    }

    private bool ReadExactly(byte[] buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int read = _stdout.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    // A truncated last frame is dropped: half a picture is worse than none.
                    return false;
                }

                total += read;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException && (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _killed) != 0))
        {
            return false;
        }

        return true;
    }

    /// <summary>After stdout ended: throws with ffmpeg's stderr when it failed, returns when it finished cleanly.</summary>
    private void ThrowIfFailed()
    {
        if (!_process.WaitForExit(_exitWait))
        {
            Kill();
            throw new CaptureException($"{_spec.Describe()}: ffmpeg closed its output but did not exit{StderrSuffix()}");
        }

        // The process has exited, so stderr reaches its end promptly: wait for the last lines.
        _stderr.Join(_exitWait);
        if (_process.ExitCode != 0)
        {
            throw new CaptureException($"{_spec.Describe()}: ffmpeg failed (exit code {_process.ExitCode}){StderrSuffix()}");
        }
    }

    private string StderrSuffix()
    {
        string tail = _stderr.Text();
        return tail.Length == 0 ? "." : $": {tail}";
    }

    private void WatchCancellation(CancellationToken cancellationToken)
    {
        // A blocked pipe read cannot be cancelled, so cancellation kills ffmpeg, which ends the read. The
        // registration is kept while the caller passes the same token, so the steady state allocates nothing.
        if (!cancellationToken.CanBeCanceled || cancellationToken.Equals(_registeredToken))
        {
            return;
        }

        _registration.Dispose();
        _registeredToken = cancellationToken;
        _registration = cancellationToken.UnsafeRegister(static state => ((FfmpegFrameSource)state!).Kill(), this);
    }

    private void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited or disposed: nothing to kill.
        }
    }
}
