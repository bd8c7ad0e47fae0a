using System.Text.Json;
using System.Text.Json.Serialization;

namespace SccDm.Realtime.App;

/// <summary>
/// Settings from the config file (<c>$SCCDM_CONFIG</c>, else <c>$XDG_CONFIG_HOME/sccdm/config.json</c>,
/// else <c>~/.config/sccdm/config.json</c>); environment variables override the file.
/// </summary>
internal sealed class AppConfig
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Path of libonnxruntime.so.1, or the folder holding it (a CUDA build, say). Env: SCCDM_ORT_PATH.</summary>
    [JsonPropertyName("ortPath")]
    public string? OrtPath { get; set; }

    /// <summary>auto | cpu | cuda. Env: SCCDM_PROVIDER.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; set; } = "auto";

    /// <summary>Denoiser ONNX path; default: the bundled kiosk model. Env: SCCDM_MODEL.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Keypoint-detector ONNX path; default: the bundled detector. Env: SCCDM_KEYPOINT_MODEL.</summary>
    [JsonPropertyName("keypointModel")]
    public string? KeypointModel { get; set; }

    /// <summary>auto (Vulkan sampler, else C#) | vulkan | cpu | stand-in (no model; UI work). Env: SCCDM_SYNTHESIZER.</summary>
    [JsonPropertyName("synthesizer")]
    public string Synthesizer { get; set; } = "auto";

    /// <summary>ONNX Runtime intra-op threads (0 = one per core).</summary>
    [JsonPropertyName("threads")]
    public int Threads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's threads spin-wait between operators in the kiosk (default false: on a few shared cores
    /// spinning takes the CPU the display, capture and the Vulkan sampler need). Env: SCCDM_ORT_SPINNING (0/1).
    /// </summary>
    [JsonPropertyName("spinning")]
    public bool Spinning { get; set; }

    /// <summary>Where the config was read from, or null when no file exists.</summary>
    [JsonIgnore]
    public string? LoadedFrom { get; private set; }

    /// <summary>The config file this user would use.</summary>
    public static string DefaultPath()
    {
        string? explicitPath = Environment.GetEnvironmentVariable("SCCDM_CONFIG");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }
        string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        string root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "sccdm", "config.json");
    }

    /// <summary>Loads the config file (if any) and applies environment overrides.</summary>
    /// <exception cref="AppConfigException">The file exists but is not valid JSON.</exception>
    public static AppConfig Load()
    {
        string path = DefaultPath();
        AppConfig config = new();
        if (File.Exists(path))
        {
            try
            {
                config = JsonSerializer.Deserialize<AppConfig>(File.ReadAllText(path), s_json) ?? new AppConfig();
                config.LoadedFrom = path;
            }
            catch (JsonException e)
            {
                throw new AppConfigException($"The config file {path} is not valid JSON ({e.Message}). Fix or delete it.", e);
            }
        }
        config.OrtPath = Env("SCCDM_ORT_PATH") ?? config.OrtPath;
        config.Provider = Env("SCCDM_PROVIDER") ?? config.Provider;
        config.Model = Env("SCCDM_MODEL") ?? config.Model;
        config.KeypointModel = Env("SCCDM_KEYPOINT_MODEL") ?? config.KeypointModel;
        config.Synthesizer = Env("SCCDM_SYNTHESIZER") ?? config.Synthesizer;
        config.Spinning = Env("SCCDM_ORT_SPINNING") is { } spinning ? spinning is "1" or "true" or "on" : config.Spinning;
        return config;
    }

    private static string? Env(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
