using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>A keypoint detector that meets the contract: xray [N,1,H,W] in, heatmaps [N,10,H/4,W/4] (sigmoid) out. Owns its session.</summary>
public sealed class KeypointModel : IDisposable
{
    /// <summary>Input name of the X-ray.</summary>
    public const string XrayInputName = ModelContract.XrayInput;
    /// <summary>Output name of the heatmaps.</summary>
    public const string HeatmapsOutputName = ModelContract.HeatmapsOutput;
    /// <summary>Number of keypoints (heatmap channels), M in KCC.</summary>
    public const int KeypointCount = ModelContract.KeypointCount;
    /// <summary>Input pixels per heatmap pixel.</summary>
    public const int HeatmapStride = ModelContract.HeatmapStride;

    private KeypointModel(string path, InferenceSession session, ExecutionProviderChoice provider)
    {
        Path = path;
        Session = session;
        ExecutionProvider = provider;
    }

    /// <summary>Loads <paramref name="path"/> and checks it against the keypoint contract.</summary>
    /// <exception cref="ModelLoadException">The file is missing, truncated or not ONNX.</exception>
    /// <exception cref="ModelContractException">A tensor, dtype or shape disagrees with the contract.</exception>
    /// <exception cref="OrtUnavailableException">ONNX Runtime itself was not found.</exception>
    public static KeypointModel Open(string path, ModelOptions? options = null)
    {
        var session = ModelSessionFactory.Create(path, options ?? ModelOptions.Default, out var provider);
        try
        {
            var problems = new List<string>();
            ModelContract.CheckKeypoints(session, path, problems);
            if (problems.Count > 0)
            {
                throw new ModelContractException(path, problems);
            }
            return new KeypointModel(path, session, provider);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The model file, as given.</summary>
    public string Path { get; }

    /// <summary>The ORT session.</summary>
    public InferenceSession Session { get; }

    /// <summary>The provider the session runs on, and why.</summary>
    public ExecutionProviderChoice ExecutionProvider { get; }

    /// <summary>xray's declared type and shape.</summary>
    public NodeMetadata XrayInput => Session.InputMetadata[XrayInputName];

    /// <summary>heatmaps' declared type and shape.</summary>
    public NodeMetadata HeatmapsOutput => Session.OutputMetadata[HeatmapsOutputName];

    /// <summary>The model's custom metadata (none is required for keypoint models).</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata => Session.ModelMetadata.CustomMetadataMap;

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
