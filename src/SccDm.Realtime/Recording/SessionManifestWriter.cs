using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace SccDm.Realtime.Recording;

/// <summary>Writes <c>session.json</c>: at the start (status "recording") and again at the end, atomically.</summary>
internal sealed class SessionManifestWriter
{
    private readonly string _path;
    private readonly string _id;
    private readonly RecordingOptions _options;
    private readonly DateTimeOffset _started;
    private readonly List<(RecordedModel Model, string Sha256)> _models = [];

    public SessionManifestWriter(string path, string id, RecordingOptions options, DateTimeOffset started)
    {
        _path = path;
        _id = id;
        _options = options;
        _started = started;
    }

    /// <summary>Hashes the model files (once; a file that cannot be read gets an empty hash).</summary>
    public void HashModels()
    {
        foreach (var model in _options.Metadata.Models)
        {
            string sha = "";
            try
            {
                using var stream = File.OpenRead(model.Path);
                sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Recorded as unknown; the recording itself does not need the file.
            }

            _models.Add((model, sha));
        }
    }

    /// <summary>Writes the manifest with the counts so far.</summary>
    public void Write(string status, DateTimeOffset? ended, string? failure, long viewFrames, long viewDropped, long cameraFrames, long cameraDropped)
    {
        var meta = _options.Metadata;
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("format", SessionFiles.Format);
            j.WriteString("note", SessionFiles.SyntheticNote);
            j.WriteString("id", _id);
            j.WriteString("status", status);
            j.WriteString("started_utc", _started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (ended is { } end)
            {
                j.WriteString("ended_utc", end.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                j.WriteNumber("duration_s", Math.Round((end - _started).TotalSeconds, 3));
            }
            else
            {
                j.WriteNull("ended_utc");
            }

            if (failure is not null)
            {
                j.WriteString("failure", failure);
            }

            j.WriteString("app_version", meta.AppVersion);
            j.WriteString("source", meta.Source);
            j.WriteString("display", meta.Display);

            j.WriteStartObject("view");
            j.WriteString("file", SessionFiles.View);
            j.WriteString("codec", "h264 (libx264), fragmented mp4");
            j.WriteNumber("width", _options.ViewWidth);
            j.WriteNumber("height", _options.ViewHeight);
            j.WriteNumber("max_fps", _options.ViewFps);
            j.WriteBoolean("wall_clock_timestamps", _options.RealTime);
            j.WriteNumber("frames", viewFrames);
            j.WriteNumber("dropped", viewDropped);
            j.WriteEndObject();

            j.WriteStartObject("camera");
            j.WriteString("file", SessionFiles.Camera);
            j.WriteString("codec", "h264 rgb (libx264rgb, qp 0: lossless), matroska");
            j.WriteNumber("width", _options.CameraWidth);
            j.WriteNumber("height", _options.CameraHeight);
            j.WriteNumber("fps", _options.CameraFps);
            j.WriteNumber("frames", cameraFrames);
            j.WriteNumber("dropped", cameraDropped);
            j.WriteEndObject();

            j.WriteString("frames_log", SessionFiles.FrameLog);

            j.WriteStartArray("models");
            foreach (var (model, sha) in _models)
            {
                j.WriteStartObject();
                j.WriteString("role", model.Role);
                j.WriteString("file", Path.GetFileName(model.Path));
                j.WriteString("path", Path.GetFullPath(model.Path));
                j.WriteString("sha256", sha);
                j.WriteEndObject();
            }

            j.WriteEndArray();

            if (meta.Synthesis is { } s)
            {
                j.WriteStartObject("synthesizer");
                j.WriteString("model", s.ModelName);
                j.WriteString("keypoint_model", s.KeypointModelName);
                j.WriteString("ort_provider", s.ExecutionProvider);
                j.WriteString("ort_provider_reason", s.ProviderReason);
                j.WriteString("vulkan_device", s.Device);
                j.WriteNumber("image_size", s.ImageSize);
                j.WriteEndObject();
            }

            var sampler = meta.Sampler;
            j.WriteStartObject("sampler");
            j.WriteNumber("steps", sampler.Steps);
            j.WriteString("variant", sampler.Variant.ToString().ToLowerInvariant());
            j.WriteNumber("eta", sampler.Eta);
            j.WriteNumber("seed", sampler.Seed);
            j.WriteString("frame_fit", sampler.FrameFit.ToString());
            j.WriteBoolean("warm_start", meta.WarmStartThreshold > 0 && sampler.Steps >= 2);
            j.WriteNumber("warm_start_threshold", meta.WarmStartThreshold);
            j.WriteNumber("similarity_threshold", meta.ReuseThreshold);
            j.WriteEndObject();
            j.WriteEndObject();
        }

        PrivateFiles.WriteAtomically(_path, stream.ToArray());
    }
}
