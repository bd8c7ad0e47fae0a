using System.Globalization;
using System.Text.Json;
using SccDm.Realtime.Keypoints;

namespace SccDm.Realtime.Recording;

/// <summary>
/// A recorded session opened for replay: <c>session.json</c> parsed and checked, the camera file located, and
/// <c>frames.jsonl</c> read on demand. A session killed mid-recording (status "recording", no end time) opens too.
/// </summary>
public sealed class RecordedSession
{
    private RecordedSession(string folder)
    {
        Folder = folder;
    }

    /// <summary>The session folder.</summary>
    public string Folder { get; }

    /// <summary>The session id.</summary>
    public string Id { get; private init; } = "";

    /// <summary>"recording" (never finished: the process was killed), "finished" or "failed".</summary>
    public string Status { get; private init; } = "";

    /// <summary>The lossless camera file.</summary>
    public string CameraPath => Path.Combine(Folder, SessionFiles.Camera);

    /// <summary>The per-frame log.</summary>
    public string FrameLogPath => Path.Combine(Folder, SessionFiles.FrameLog);

    /// <summary>Camera frame width.</summary>
    public int CameraWidth { get; private init; }

    /// <summary>Camera frame height.</summary>
    public int CameraHeight { get; private init; }

    /// <summary>The camera's nominal rate (the replay's pace).</summary>
    public double CameraFps { get; private init; }

    /// <summary>Sampler steps at the start of the recording.</summary>
    public int Steps { get; private init; }

    /// <summary>Sampler variant at the start ("paper" or "sag").</summary>
    public string Variant { get; private init; } = "paper";

    /// <summary>Similarity filter: reuse threshold.</summary>
    public float ReuseThreshold { get; private init; }

    /// <summary>Similarity filter: warm-start threshold.</summary>
    public float WarmStartThreshold { get; private init; }

    /// <summary>The recorded source's description.</summary>
    public string Source { get; private init; } = "";

    /// <summary>The models the session used: role → SHA-256 (empty when unknown).</summary>
    public IReadOnlyDictionary<string, string> ModelSha256 { get; private init; } = new Dictionary<string, string>();

    /// <summary>Opens <paramref name="folder"/>.</summary>
    /// <exception cref="RecordingException">The folder, session.json or camera.mkv is missing, or session.json is not a session manifest.</exception>
    public static RecordedSession Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new RecordingException($"{folder}: no such session folder (give the folder that holds {SessionFiles.Manifest}).");
        }

        string manifest = Path.Combine(folder, SessionFiles.Manifest);
        if (!File.Exists(manifest))
        {
            throw new RecordingException($"{folder}: not a recorded session ({SessionFiles.Manifest} is missing).");
        }

        RecordedSession session;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != SessionFiles.Format)
            {
                throw new RecordingException($"{manifest}: not an sccdm session manifest (format {SessionFiles.Format} expected).");
            }

            var camera = root.GetProperty("camera");
            var sampler = root.GetProperty("sampler");
            var models = new Dictionary<string, string>();
            if (root.TryGetProperty("models", out var list))
            {
                foreach (var m in list.EnumerateArray())
                {
                    models[m.GetProperty("role").GetString() ?? ""] = m.GetProperty("sha256").GetString() ?? "";
                }
            }

            session = new RecordedSession(Path.GetFullPath(folder))
            {
                Id = root.GetProperty("id").GetString() ?? "",
                Status = root.GetProperty("status").GetString() ?? "",
                Source = root.TryGetProperty("source", out var source) ? source.GetString() ?? "" : "",
                CameraWidth = camera.GetProperty("width").GetInt32(),
                CameraHeight = camera.GetProperty("height").GetInt32(),
                CameraFps = camera.GetProperty("fps").GetDouble(),
                Steps = sampler.GetProperty("steps").GetInt32(),
                Variant = sampler.GetProperty("variant").GetString() ?? "paper",
                ReuseThreshold = sampler.GetProperty("similarity_threshold").GetSingle(),
                WarmStartThreshold = sampler.GetProperty("warm_start_threshold").GetSingle(),
                ModelSha256 = models,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RecordingException($"{manifest}: corrupt session manifest ({e.Message.Split(Environment.NewLine)[0]}).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"cannot read {manifest}: {e.Message}", e);
        }

        if (session.CameraWidth < 2 || session.CameraHeight < 2 || !(session.CameraFps > 0))
        {
            throw new RecordingException($"{manifest}: corrupt session manifest (camera {session.CameraWidth}×{session.CameraHeight} at {session.CameraFps} fps).");
        }

        if (!File.Exists(session.CameraPath) || new FileInfo(session.CameraPath).Length == 0)
        {
            throw new RecordingException($"{folder}: the camera frames ({SessionFiles.Camera}) are missing or empty, so there is nothing to replay.");
        }

        return session;
    }

    /// <summary>
    /// The distinct X-rays frames.jsonl records, by the camera frame they came from (first occurrence), in order.
    /// A truncated last line (a killed session) is skipped; any other bad line is an error.
    /// </summary>
    /// <exception cref="RecordingException">frames.jsonl is missing or a line is corrupt.</exception>
    public IReadOnlyList<RecordedXray> ReadXrays()
    {
        if (!File.Exists(FrameLogPath))
        {
            throw new RecordingException($"{Folder}: {SessionFiles.FrameLog} is missing.");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(FrameLogPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"cannot read {FrameLogPath}: {e.Message}", e);
        }

        var seen = new HashSet<long>();
        var xrays = new List<RecordedXray>();
        for (int n = 0; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(lines[n]);
                if (!doc.RootElement.TryGetProperty("xray", out var xray)
                    || xray.GetProperty("camera_index").ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                long index = xray.GetProperty("camera_index").GetInt64();
                if (!seen.Add(index))
                {
                    continue;
                }

                var keypoints = new List<DetectedKeypoint>();
                if (xray.TryGetProperty("keypoints", out var array))
                {
                    foreach (var k in array.EnumerateArray())
                    {
                        keypoints.Add(new DetectedKeypoint(k[0].GetSingle(), k[1].GetSingle(), k[2].GetSingle()));
                    }
                }

                xrays.Add(new RecordedXray(index, xray.TryGetProperty("size", out var size) ? size.GetInt32() : 0, [.. keypoints], Number(xray, "kcc"), Number(xray, "hva"), Number(xray, "ima")));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                if (n == lines.Length - 1)
                {
                    break;
                }

                throw new RecordingException(string.Create(CultureInfo.InvariantCulture, $"{FrameLogPath}: line {n + 1} is corrupt ({e.Message.Split(Environment.NewLine)[0]})."), e);
            }
        }

        return xrays;
    }

    /// <summary>
    /// Capture time (seconds since the recording started) of each frame of camera.mkv, by index, from camera.jsonl;
    /// empty when the file is missing. A truncated last line (a killed session) is skipped.
    /// </summary>
    /// <exception cref="RecordingException">A line is corrupt.</exception>
    public double[] ReadCameraTimes()
    {
        string path = Path.Combine(Folder, SessionFiles.CameraLog);
        if (!File.Exists(path))
        {
            return [];
        }

        var times = new List<double>();
        string[] lines = File.ReadAllLines(path);
        for (int n = 0; n < lines.Length; n++)
        {
            try
            {
                using var doc = JsonDocument.Parse(lines[n]);
                int index = doc.RootElement.GetProperty("index").GetInt32();
                while (times.Count <= index)
                {
                    times.Add(double.NaN);
                }

                times[index] = doc.RootElement.GetProperty("t_capture").GetDouble();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                if (n == lines.Length - 1)
                {
                    break;
                }

                throw new RecordingException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {n + 1} is corrupt ({e.Message.Split(Environment.NewLine)[0]})."), e);
            }
        }

        return [.. times];
    }

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
