using System.Globalization;
using System.Reflection;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Recording;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Wires a <see cref="RecordingSession"/> into the kiosk: starts one when --record was given or R is pressed, stops it
/// on R or at exit, feeds it the camera frames (capture thread) and the composed view with what was on screen
/// (display thread), and keeps the REC chip and its error message in the scene. The display thread only copies its
/// frame into a free slot; encoding happens on the recorder's threads.
/// </summary>
internal sealed class KioskRecorder : IDisposable
{
    private static readonly TimeSpan _finishWait = TimeSpan.FromSeconds(20);
    private readonly KioskSession _session;
    private readonly AppConfig _config;
    private readonly string _folder;
    private readonly bool _realTime;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly List<RecordingSession> _finishing = [];
    private RecordingSession? _current;
    private ViewFrame? _pending;
    private long _shownSeconds = -1;
    private int _disposed;

    /// <summary>
    /// Creates the recorder for <paramref name="session"/>; recordings go under <paramref name="folder"/>.
    /// <paramref name="realTime"/>: a live kiosk (drop rather than wait); false: headless, every frame is recorded.
    /// </summary>
    public KioskRecorder(KioskSession session, AppConfig config, string folder, bool realTime, TextWriter stdout, TextWriter stderr)
    {
        _session = session;
        _config = config;
        _folder = folder;
        _realTime = realTime;
        _stdout = stdout;
        _stderr = stderr;
        session.Pipeline.CameraTap = frame => Volatile.Read(ref _current)?.TryAddCamera(frame);
    }

    /// <summary>Where R records without --record: <c>$XDG_DATA_HOME/sccdm/recordings</c>, else <c>~/.local/share/sccdm/recordings</c>.</summary>
    public static string DefaultFolder()
    {
        string? data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(data, "sccdm", "recordings");
    }

    /// <summary>The recording in progress, or null.</summary>
    public RecordingSession? Current => _current;

    /// <summary>Every session this recorder started, in order (for summaries and tests).</summary>
    public List<RecordingSession> Sessions { get; } = [];

    /// <summary>
    /// Display thread, before composing: starts or stops to match the R key, notices a failed recording, and updates
    /// the REC chip. <paramref name="width"/>×<paramref name="height"/> is the view's size (the video's size).
    /// </summary>
    public void Sync(int width, int height)
    {
        var controls = _session.Controls;
        var scene = _session.View.Scene;
        if (_current is { } current)
        {
            if (current.State == RecordingState.Failed)
            {
                Retire(current);
                controls.Recording = false;
                scene.RecordingError = $"REC STOPPED: {ShortReason(current.Failure!)}";
                _stderr.WriteLine($"sccdm: recording stopped: {current.Failure!.TrimEnd('.')}. What was recorded is kept in {current.Folder} and stays playable; the kiosk goes on. Free some space (or raise the limit) and press R to record again.");
            }
            else if (!controls.Recording)
            {
                Retire(current);
                _stdout.WriteLine($"recording: stopped {current.Folder}");
            }
        }
        else if (controls.Recording)
        {
            Start(width, height);
        }

        scene.Recording = _current is not null;
        if (_current is { } recording)
        {
            long seconds = (long)recording.Elapsed.TotalSeconds;
            if (seconds != _shownSeconds)
            {
                _shownSeconds = seconds;
                scene.RecordingText = string.Create(CultureInfo.InvariantCulture, $"{KioskText.Rec} {seconds / 60:00}:{seconds % 60:00}");
            }
        }
    }

    /// <summary>
    /// Display thread, after composing: copies the view and what it shows into a recorder slot, when recording and
    /// the encoder has room. <see cref="Presented"/> hands it on.
    /// </summary>
    /// <returns>True when the frame was copied (false: not recording, skipped to hold the recording's rate, or dropped).</returns>
    public bool Composed(ReadOnlySpan<byte> rgba, int width, int height, long composeStart, long composeEnd)
    {
        if (_current is not { } recording || recording.TryBeginView(composeEnd) is not { } frame)
        {
            return false;
        }

        var scene = _session.View.Scene;
        frame.SetPixels(rgba, width, height);
        var camera = scene.Camera;
        frame.CameraSequence = camera?.Sequence ?? -1;
        frame.CaptureTimestamp = camera?.CaptureTimestamp ?? 0;
        frame.SetResult(scene.Result);
        frame.HasReading = scene.HasReading;
        frame.ReadingHva = scene.Reading.Hva;
        frame.ReadingIma = scene.Reading.Ima;
        frame.Sampler = scene.Sampler;
        frame.Frozen = scene.Frozen;
        frame.ComposeMs = KioskMeters.Ms(composeStart, composeEnd);
        frame.PresentMs = 0;
        frame.PresentTimestamp = composeEnd;
        _pending = frame;
        return true;
    }

    /// <summary>Display thread, after presenting: stamps the pending view frame and hands it to the encoder.</summary>
    public void Presented(long presentEnd, double presentMs)
    {
        if (_pending is not { } frame)
        {
            return;
        }

        _pending = null;
        frame.PresentTimestamp = presentEnd;
        frame.PresentMs = presentMs;
        _current?.CommitView(frame);
    }

    /// <summary>One line per session for the exit summary.</summary>
    public IEnumerable<string> Summary()
    {
        foreach (var s in Sessions)
        {
            string state = s.State == RecordingState.Failed ? $"FAILED: {s.Failure}" : s.State.ToString().ToLowerInvariant();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"recording: {s.Folder}: {s.ViewFrames} view frame(s) ({s.ViewFramesDropped} dropped), {s.CameraFrames} camera frame(s) ({s.CameraFramesDropped} dropped), {s.Elapsed.TotalSeconds:0.0} s, {state}");
        }
    }

    /// <summary>Stops the recording and waits (bounded) for every file to be finished. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Pipeline.CameraTap = null;
        if (_current is { } current)
        {
            Retire(current);
        }

        foreach (var s in _finishing)
        {
            if (!s.WaitForFinish(_finishWait))
            {
                _stderr.WriteLine($"sccdm: the recording {s.Folder} did not finish in {_finishWait.TotalSeconds:0} s; ffmpeg was stopped, the files are kept as they are.");
            }

            s.Dispose();
        }

        _finishing.Clear();
    }

    private void Start(int width, int height)
    {
        var pipeline = _session.Pipeline;
        var source = pipeline.SourceInfo;
        var synthesis = pipeline.SynthesisInfo;
        bool standIn = synthesis.ModelName.StartsWith("stand-in", StringComparison.Ordinal);
        var models = new List<RecordedModel>();
        if (!standIn)
        {
            models.Add(new RecordedModel("denoiser", BundledPaths.Denoiser(_config)));
            if (synthesis.KeypointModelName.Length > 0)
            {
                models.Add(new RecordedModel("keypoints", BundledPaths.Keypoints(_config)));
            }
        }

        var options = new RecordingOptions
        {
            Folder = _folder,
            ViewWidth = width,
            ViewHeight = height,
            ViewFps = _realTime ? 30 : source.Fps,
            CameraWidth = source.Width,
            CameraHeight = source.Height,
            CameraFps = source.Fps,
            RealTime = _realTime,
            Metadata = new RecordingMetadata
            {
                AppVersion = AppVersion(),
                Source = source.Name,
                Synthesis = synthesis,
                Models = models,
                Sampler = _session.Controls.Sampler,
                ReuseThreshold = pipeline.ReuseThreshold,
                WarmStartThreshold = pipeline.WarmStartThreshold,
                Display = _session.View.Display,
            },
        };
        try
        {
            var recording = RecordingSession.Start(options);
            Sessions.Add(recording);
            _shownSeconds = -1;
            _session.View.Scene.RecordingError = null;
            Volatile.Write(ref _current, recording);
            _stdout.WriteLine($"recording: {recording.Folder} (synthetic images, not for diagnosis)");
        }
        catch (RecordingException e)
        {
            _session.Controls.Recording = false;
            _session.View.Scene.RecordingError = $"REC FAILED: {ShortReason(e.Message)}";
            _stderr.WriteLine($"sccdm: cannot record: {e.Message}");
        }
    }

    private void Retire(RecordingSession recording)
    {
        Volatile.Write(ref _current, null);
        if (_pending is { } pending)
        {
            // A view frame taken but not presented: give the slot back so the encoder's queue drains.
            _pending = null;
            recording.CancelView(pending);
        }

        recording.Stop();
        _finishing.Add(recording);
        _session.View.Scene.Recording = false;
    }

    /// <summary>A few words for the kiosk's title bar; the whole message goes to the terminal.</summary>
    internal static string ShortReason(string message) =>
        message.Contains("No space left", StringComparison.OrdinalIgnoreCase) ? "disk full"
        : message.Contains("File too large", StringComparison.OrdinalIgnoreCase) ? "file-size limit reached"
        : message.Contains("ffmpeg was not found", StringComparison.OrdinalIgnoreCase) ? "ffmpeg missing"
        : message.Contains("interrupted", StringComparison.OrdinalIgnoreCase) ? "interrupted"
        : message.Contains("denied", StringComparison.OrdinalIgnoreCase) ? "permission denied"
        : "write error (see terminal)";

    private static string AppVersion()
    {
        var assembly = typeof(KioskRecorder).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return $"sccdm {version}";
    }
}
