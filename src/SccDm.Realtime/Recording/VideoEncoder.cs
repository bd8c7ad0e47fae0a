using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Recording;

/// <summary>
/// One ffmpeg child that encodes raw RGBA frames written to its stdin. ffmpeg writes the container to its stdout and a
/// pump thread here copies it into the file, unbuffered: the file is created by us (0600), a full disk or a file-size
/// limit surfaces as an <see cref="IOException"/> in our own process with the file's name, and whatever reached the
/// file before a crash is complete up to the last fragment. Not thread-safe: one writer thread.
/// </summary>
public sealed class VideoEncoder : IDisposable
{
    private static readonly TimeSpan _exitWait = TimeSpan.FromSeconds(10);
    private readonly VideoEncoderOptions _options;
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StderrTail _stderr;
    private readonly FileStream _file;
    private readonly Thread _pump;
    private volatile string? _pumpFailure;
    private int _disposed;

    /// <summary>Creates the file and starts ffmpeg.</summary>
    /// <exception cref="RecordingException">ffmpeg is missing or did not start, or the file cannot be created.</exception>
    public VideoEncoder(VideoEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        string ffmpeg = FfmpegTool.FindFfmpeg() ?? throw new RecordingException(FfmpegTool.MissingMessage);
        try
        {
            _file = PrivateFiles.CreateFile(options.Path, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"cannot create {options.Path}: {e.Message}", e);
        }

        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in Arguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new RecordingException($"ffmpeg ({ffmpeg}) did not start.");
        }
        catch (Win32Exception e)
        {
            _file.Dispose();
            throw new RecordingException($"could not run ffmpeg ({ffmpeg}): {e.Message}. {FfmpegTool.MissingMessage}", e);
        }

        _stdin = _process.StandardInput.BaseStream;
        _stderr = new StderrTail(_process.StandardError, 4, "ffmpeg encoder stderr");
        _pump = new Thread(Pump) { IsBackground = true, Name = "recording file pump" };
        _pump.Start();
    }

    /// <summary>The file being written.</summary>
    public string Path => _options.Path;

    /// <summary>Frames written so far.</summary>
    public long Frames { get; private set; }

    /// <summary>The ffmpeg arguments for <paramref name="options"/> (without the program name).</summary>
    public static IReadOnlyList<string> Arguments(VideoEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string fps = options.Fps.ToString("0.###", CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error" };
        if (options.WallClock)
        {
            args.AddRange(["-use_wallclock_as_timestamps", "1"]);
        }
        else
        {
            args.AddRange(["-framerate", fps]);
        }

        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgba", "-video_size", FormattableString.Invariant($"{options.Width}x{options.Height}"), "-i", "pipe:0"]);
        switch (options.Codec)
        {
            case VideoCodec.H264FragmentedMp4:
                // yuv420p needs even sides; one thread leaves the cores to the model. Fragments start at keyframes, so
                // a killed recording loses at most the frames since the last one.
                args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                    "-threads", "1", "-g", options.KeyframeInterval.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"]);
                if (options.WallClock)
                {
                    args.AddRange(["-fps_mode", "vfr"]);
                }

                args.AddRange(["-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", "pipe:1"]);
                break;
            case VideoCodec.LosslessRgbMatroska:
                // x264 in RGB at qp 0 is lossless (camera frames are opaque, so dropping alpha loses nothing) and about
                // three times faster than FFV1 here, which matters on a machine whose cores run the model.
                args.AddRange(["-c:v", "libx264rgb", "-qp", "0", "-preset", "ultrafast", "-threads", "1", "-pix_fmt", "bgr24",
                    "-g", options.KeyframeInterval.ToString(CultureInfo.InvariantCulture), "-f", "matroska", "pipe:1"]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Codec, "unknown codec");
        }

        return args;
    }

    /// <summary>Writes one frame of <see cref="VideoEncoderOptions.Width"/>×<see cref="VideoEncoderOptions.Height"/> RGBA pixels.</summary>
    /// <exception cref="RecordingException">The file could not be written, or ffmpeg failed; the message says which and why.</exception>
    public void Write(ReadOnlySpan<byte> rgba)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (rgba.Length != _options.Width * _options.Height * 4)
        {
            throw new ArgumentException($"a {_options.Width}×{_options.Height} frame has {_options.Width * _options.Height * 4} bytes; got {rgba.Length}", nameof(rgba));
        }

        ThrowIfPumpFailed();
        try
        {
            _stdin.Write(rgba);
        }
        catch (IOException e)
        {
            // ffmpeg went away: the pump's error (our file) explains it best, else ffmpeg's own words.
            ThrowIfPumpFailed();
            throw new RecordingException(FailureMessage("stopped taking frames", e.Message));
        }

        Frames++;
    }

    /// <summary>Ends the stream: closes ffmpeg's input, waits for it to write the rest and exit, and closes the file.</summary>
    /// <exception cref="RecordingException">ffmpeg failed or the rest could not be written.</exception>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            _stdin.Dispose();
        }
        catch (IOException)
        {
            // Already broken: the exit code and the pump say why.
        }

        if (!_process.WaitForExit(_exitWait))
        {
            Kill();
            throw new RecordingException(FailureMessage("did not finish within 10 s", null));
        }

        _pump.Join(_exitWait);
        _stderr.Join(_exitWait);
        ThrowIfPumpFailed();
        if (_process.ExitCode != 0)
        {
            throw new RecordingException(FailureMessage($"failed (exit code {_process.ExitCode})", null));
        }
    }

    /// <summary>Kills ffmpeg (if running) and closes the file; what was written stays. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        _process.WaitForExit(_exitWait);
        _pump.Join(_exitWait);
        _stderr.Join(_exitWait);
        _file.Dispose();
        _process.Dispose();
    }

    private void Pump()
    {
        var buffer = new byte[1 << 16];
        try
        {
            Stream stdout = _process.StandardOutput.BaseStream;
            int read;
            while ((read = stdout.Read(buffer, 0, buffer.Length)) > 0)
            {
                _file.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e) || e is ObjectDisposedException)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _pumpFailure = $"cannot write {_options.Path}: {WriteErrors.Describe(e)}";
                // ffmpeg would block on a full stdout pipe, and the writer on its stdin: stop it.
                Kill();
            }
        }
    }

    private void ThrowIfPumpFailed()
    {
        if (_pumpFailure is { } failure)
        {
            throw new RecordingException(failure);
        }
    }

    private string FailureMessage(string what, string? detail)
    {
        _process.WaitForExit(TimeSpan.FromSeconds(2));
        _stderr.Join(TimeSpan.FromSeconds(2));
        string tail = _stderr.Text();
        string reason = _process.HasExited && _process.ExitCode == 255
            ? " (ffmpeg was interrupted by a signal)"
            : tail.Length > 0 ? $": {tail}" : detail is not null ? $": {detail}" : "";
        return $"ffmpeg encoding {System.IO.Path.GetFileName(_options.Path)} {what}{reason}";
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }
}
