namespace SccDm.Realtime.Models;

/// <summary>What <see cref="ModelInspector.Check"/> found out about one model file.</summary>
public sealed record ModelCheckResult
{
    /// <summary>The file, as given.</summary>
    public required string Path { get; init; }

    /// <summary>Denoiser, keypoints or unknown.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>True when the file loads and meets the contract of its kind.</summary>
    public bool Ok => Kind != ModelKind.Unknown && Problems.Count == 0;

    /// <summary>Every problem found, each a sentence naming the file; empty when <see cref="Ok"/>.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The custom metadata map (empty when the file did not load).</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Inputs as "name: type [shape]" (empty when the file did not load).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Outputs as "name: type [shape]" (empty when the file did not load).</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>File size in bytes, or -1 when the file could not be read.</summary>
    public required long FileSize { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, or "" when it could not be read.</summary>
    public required string Sha256 { get; init; }
}
