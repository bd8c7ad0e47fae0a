using System.Security.Cryptography;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>Cheap model checks for <c>sccdm doctor</c>: loads on CPU, classifies, validates, hashes. Never throws for a bad file.</summary>
public static class ModelInspector
{
    /// <summary>Checks one model file; every failure ends up in <see cref="ModelCheckResult.Problems"/>.</summary>
    public static ModelCheckResult Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<string>();
        long size = -1;
        string sha = "";
        if (Directory.Exists(path))
        {
            problems.Add($"{path} is a folder, not an .onnx model file");
            return Result(path, ModelKind.Unknown, problems, size, sha, session: null);
        }
        if (!File.Exists(path))
        {
            problems.Add($"{path}: model file not found (looked at {Path.GetFullPath(path)})");
            return Result(path, ModelKind.Unknown, problems, size, sha, session: null);
        }
        try
        {
            using var stream = File.OpenRead(path);
            size = stream.Length;
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{path}: cannot read the file: {e.Message}");
            return Result(path, ModelKind.Unknown, problems, size, sha, session: null);
        }

        var options = new ModelOptions { ExecutionProvider = ExecutionProviderRequest.Cpu, IntraOpNumThreads = 1 };
        InferenceSession session;
        try
        {
            session = ModelSessionFactory.Create(path, options, out _);
        }
        catch (ModelLoadException e)
        {
            problems.Add(e.Message);
            return Result(path, ModelKind.Unknown, problems, size, sha, session: null);
        }
        catch (OrtUnavailableException e)
        {
            problems.Add($"{path}: not checked, ONNX Runtime is unavailable: {e.Message}");
            return Result(path, ModelKind.Unknown, problems, size, sha, session: null);
        }

        using (session)
        {
            var kind = ModelContract.Classify(session);
            switch (kind)
            {
                case ModelKind.Denoiser:
                    ModelContract.CheckDenoiser(session, path, problems);
                    break;
                case ModelKind.Keypoints:
                    ModelContract.CheckKeypoints(session, path, problems);
                    break;
                default:
                    problems.Add($"{path}: neither a denoiser (inputs d_t, cond, t) nor a keypoint detector (input xray); "
                        + $"found inputs: {string.Join(", ", session.InputNames)}; outputs: {string.Join(", ", session.OutputNames)}");
                    break;
            }
            return Result(path, kind, problems, size, sha, session);
        }
    }

    private static ModelCheckResult Result(string path, ModelKind kind, List<string> problems, long size, string sha, InferenceSession? session) => new()
    {
        Path = path,
        Kind = kind,
        Problems = problems,
        FileSize = size,
        Sha256 = sha,
        Metadata = session?.ModelMetadata.CustomMetadataMap ?? new Dictionary<string, string>(),
        Inputs = session?.InputNames.Select(n => $"{n}: {session.InputMetadata[n]}").ToArray() ?? [],
        Outputs = session?.OutputNames.Select(n => $"{n}: {session.OutputMetadata[n]}").ToArray() ?? [],
    };
}
