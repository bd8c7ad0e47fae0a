namespace SccDm.Realtime.Models;

/// <summary>
/// A model loaded but does not meet the SCCDM contract. The message names the file, each offending tensor or metadata
/// key, what was expected and what was found; <see cref="Problems"/> lists them one by one.
/// </summary>
public sealed class ModelContractException : Exception
{
    /// <summary>Creates the exception from the list of problems (each already prefixed with the path).</summary>
    public ModelContractException(string path, IReadOnlyList<string> problems)
        : base(Format(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    /// <summary>The model file, as given.</summary>
    public string Path { get; }

    /// <summary>Every violation found, each a full sentence naming the file.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string path, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? problems[0]
            : $"{path} breaks the model contract in {problems.Count} ways:{Environment.NewLine}  - "
              + string.Join(Environment.NewLine + "  - ", problems);
}
