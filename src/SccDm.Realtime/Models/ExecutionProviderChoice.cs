namespace SccDm.Realtime.Models;

/// <summary>The provider chosen for a session and a sentence saying why, for the log and <c>sccdm doctor</c>.</summary>
/// <param name="Provider">What the session runs on.</param>
/// <param name="Reason">Why, e.g. "CUDA requested but unavailable: Failed to load shared library — falling back to CPU".</param>
public sealed record ExecutionProviderChoice(ExecutionProviderKind Provider, string Reason)
{
    /// <summary>True when a request for CUDA ended on CPU.</summary>
    public bool IsFallback { get; init; }
}
