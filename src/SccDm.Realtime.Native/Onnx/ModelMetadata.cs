namespace SccDm.Realtime.Native.Onnx;

/// <summary>A model's descriptive fields and its custom metadata map (ONNX <c>metadata_props</c>).</summary>
public sealed class ModelMetadata
{
    /// <summary>Creates the record.</summary>
    public ModelMetadata(string producerName, string graphName, string domain, string description, long version,
        IReadOnlyDictionary<string, string> customMetadataMap)
    {
        ProducerName = producerName;
        GraphName = graphName;
        Domain = domain;
        Description = description;
        Version = version;
        CustomMetadataMap = customMetadataMap;
    }

    /// <summary>The tool that wrote the model, e.g. "pytorch".</summary>
    public string ProducerName { get; }

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>The model's domain.</summary>
    public string Domain { get; }

    /// <summary>The model's doc string.</summary>
    public string Description { get; }

    /// <summary>The model version number (ModelProto.model_version).</summary>
    public long Version { get; }

    /// <summary>Custom key/value pairs, e.g. "sccdm.T" → "1000".</summary>
    public IReadOnlyDictionary<string, string> CustomMetadataMap { get; }
}
