using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>
/// An SCCDM denoiser that meets the contract: d_t, cond [N,1,H,W] and t [N] in; eps [N,1,H,W], attn [N,1,h,w] and
/// feat_0 … feat_{L−1} out; the schedule in its metadata. Owns its ORT session.
/// </summary>
public sealed class DenoiserModel : IDisposable
{
    /// <summary>Input name of the noisy diff-domain sample.</summary>
    public const string SampleInputName = ModelContract.SampleInput;
    /// <summary>Input name of the condition (the photo).</summary>
    public const string ConditionInputName = ModelContract.ConditionInput;
    /// <summary>Input name of the timestep.</summary>
    public const string TimestepInputName = ModelContract.TimestepInput;
    /// <summary>Output name of the predicted noise.</summary>
    public const string EpsOutputName = ModelContract.EpsOutput;
    /// <summary>Output name of the attention column sums.</summary>
    public const string AttentionOutputName = ModelContract.AttentionOutput;

    private DenoiserModel(string path, InferenceSession session, ExecutionProviderChoice provider, DenoiserMetadata metadata)
    {
        Path = path;
        Session = session;
        ExecutionProvider = provider;
        Metadata = metadata;
        FeatureOutputNames = ModelContract.FeatureOutputs(session);
        FeatureOutputs = FeatureOutputNames.Select(n => session.OutputMetadata[n]).ToArray();
    }

    /// <summary>
    /// Loads <paramref name="path"/> and checks it against the denoiser contract.
    /// </summary>
    /// <exception cref="ModelLoadException">The file is missing, truncated or not ONNX; the message names the file and carries ORT's reason.</exception>
    /// <exception cref="ModelContractException">The model loads but a tensor, dtype, shape or metadata key disagrees with the contract.</exception>
    /// <exception cref="OrtUnavailableException">ONNX Runtime itself was not found.</exception>
    public static DenoiserModel Open(string path, ModelOptions? options = null)
    {
        var session = ModelSessionFactory.Create(path, options ?? ModelOptions.Default, out var provider);
        try
        {
            var problems = new List<string>();
            var metadata = ModelContract.CheckDenoiser(session, path, problems);
            if (problems.Count > 0 || metadata is null)
            {
                throw new ModelContractException(path, problems);
            }
            return new DenoiserModel(path, session, provider, metadata);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The model file, as given.</summary>
    public string Path { get; }

    /// <summary>The ORT session, for runs and IO bindings.</summary>
    public InferenceSession Session { get; }

    /// <summary>The provider the session runs on, and why.</summary>
    public ExecutionProviderChoice ExecutionProvider { get; }

    /// <summary>The schedule and provenance from the model's sccdm.* metadata.</summary>
    public DenoiserMetadata Metadata { get; }

    /// <summary>d_t's declared type and shape.</summary>
    public NodeMetadata SampleInput => Session.InputMetadata[SampleInputName];

    /// <summary>cond's declared type and shape.</summary>
    public NodeMetadata ConditionInput => Session.InputMetadata[ConditionInputName];

    /// <summary>t's declared type and shape.</summary>
    public NodeMetadata TimestepInput => Session.InputMetadata[TimestepInputName];

    /// <summary>eps's declared type and shape.</summary>
    public NodeMetadata EpsOutput => Session.OutputMetadata[EpsOutputName];

    /// <summary>attn's declared type and shape; dimensions 2 and 3 are the attention grid h×w (-1 if dynamic).</summary>
    public NodeMetadata AttentionOutput => Session.OutputMetadata[AttentionOutputName];

    /// <summary>feat_0 … feat_{L−1}, in level order.</summary>
    public IReadOnlyList<string> FeatureOutputNames { get; }

    /// <summary>The declared type and shape of each feature output, in level order.</summary>
    public IReadOnlyList<NodeMetadata> FeatureOutputs { get; }

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
