using System.Globalization;
using System.Text.RegularExpressions;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>
/// The SCCDM model contract (docs: "The contract this project fixes") as checks over a loaded session. Each check adds
/// a sentence to a problem list that names the file, the tensor or metadata key, what was expected and what was found.
/// </summary>
internal static partial class ModelContract
{
    public const string SampleInput = "d_t";
    public const string ConditionInput = "cond";
    public const string TimestepInput = "t";
    public const string EpsOutput = "eps";
    public const string AttentionOutput = "attn";
    public const string FeaturePrefix = "feat_";
    public const string XrayInput = "xray";
    public const string HeatmapsOutput = "heatmaps";
    public const int KeypointCount = 10;
    public const int HeatmapStride = 4;

    public const string KeyT = "sccdm.T";
    public const string KeyBetaStart = "sccdm.beta_start";
    public const string KeyBetaEnd = "sccdm.beta_end";
    public const string KeySchedule = "sccdm.schedule";
    public const string KeyImageSize = "sccdm.image_size";
    public const string KeyPsi = "sccdm.psi";
    public const string KeyTrainingData = "sccdm.training_data";
    public const string KeyVersion = "sccdm.version";

    /// <summary>β schedules the sampler implements.</summary>
    public static readonly string[] SupportedSchedules = ["linear"];

    private static readonly string[] _denoiserInputs = [SampleInput, ConditionInput, TimestepInput];

    [GeneratedRegex("^feat_([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FeatureName();

    /// <summary>Guesses what a model is meant to be from its tensor names and metadata.</summary>
    public static ModelKind Classify(InferenceSession session)
    {
        if (session.InputMetadata.ContainsKey(XrayInput) || session.OutputMetadata.ContainsKey(HeatmapsOutput))
        {
            return ModelKind.Keypoints;
        }
        bool denoiserNames = _denoiserInputs.Any(session.InputMetadata.ContainsKey)
            || session.OutputMetadata.ContainsKey(EpsOutput) || session.OutputMetadata.ContainsKey(AttentionOutput);
        return denoiserNames || session.ModelMetadata.CustomMetadataMap.ContainsKey(KeyT) ? ModelKind.Denoiser : ModelKind.Unknown;
    }

    /// <summary>Checks a denoiser; returns the parsed metadata when all of it is present and valid.</summary>
    public static DenoiserMetadata? CheckDenoiser(InferenceSession session, string path, List<string> problems)
    {
        var metadata = ParseMetadata(session.ModelMetadata.CustomMetadataMap, path, problems);

        // Spatial size: the metadata's image size when it parsed, so both the graph and the metadata must agree.
        long? size = metadata?.ImageSize;
        var spatialSource = size is null ? null : $"{KeyImageSize} = {size}";
        var image = new[]
        {
            Dim.Any("N"), Dim.Fixed(1), new Dim("H", size, spatialSource), new Dim("W", size, spatialSource),
        };

        CheckExtraInputs(session, path, _denoiserInputs, problems);
        CheckTensor(session, path, isInput: true, SampleInput, TensorElementType.Float, image, problems);
        CheckTensor(session, path, isInput: true, ConditionInput, TensorElementType.Float, image, problems);
        CheckTensor(session, path, isInput: true, TimestepInput, TensorElementType.Int64, [Dim.Any("N")], problems);
        CheckTensor(session, path, isInput: false, EpsOutput, TensorElementType.Float, image, problems);
        CheckTensor(session, path, isInput: false, AttentionOutput, TensorElementType.Float,
            [Dim.Any("N"), Dim.Fixed(1), Dim.Any("h"), Dim.Any("w")], problems);
        CheckFeatures(session, path, problems);
        return problems.Count == 0 ? metadata : null;
    }

    /// <summary>Checks a keypoint detector: xray [N,1,H,W] → heatmaps [N,10,H/4,W/4].</summary>
    public static void CheckKeypoints(InferenceSession session, string path, List<string> problems)
    {
        CheckExtraInputs(session, path, [XrayInput], problems);
        CheckTensor(session, path, isInput: true, XrayInput, TensorElementType.Float,
            [Dim.Any("N"), Dim.Fixed(1), Dim.Any("H"), Dim.Any("W")], problems);

        long? height = null, width = null;
        if (session.InputMetadata.TryGetValue(XrayInput, out var xray) && xray.Rank == 4)
        {
            height = xray.Dimensions[2] > 0 ? xray.Dimensions[2] / HeatmapStride : null;
            width = xray.Dimensions[3] > 0 ? xray.Dimensions[3] / HeatmapStride : null;
        }
        CheckTensor(session, path, isInput: false, HeatmapsOutput, TensorElementType.Float,
        [
            Dim.Any("N"), Dim.Fixed(KeypointCount),
            new Dim("H/4", height, height is null ? null : $"H/4 = {height} from xray"),
            new Dim("W/4", width, width is null ? null : $"W/4 = {width} from xray"),
        ], problems);
    }

    /// <summary>The feature outputs feat_0 … feat_{L−1}, in order (valid only when <see cref="CheckDenoiser"/> passed).</summary>
    public static IReadOnlyList<string> FeatureOutputs(InferenceSession session) =>
        session.OutputNames
            .Select(name => (name, match: FeatureName().Match(name)))
            .Where(x => x.match.Success)
            .OrderBy(x => int.Parse(x.match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(x => x.name)
            .ToArray();

    private static void CheckFeatures(InferenceSession session, string path, List<string> problems)
    {
        var indices = new List<int>();
        foreach (string name in session.OutputNames)
        {
            var match = FeatureName().Match(name);
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                indices.Add(index);
            }
        }
        indices.Sort();
        if (indices.Count == 0)
        {
            problems.Add($"{path}: output 'feat_0' is missing (found outputs: {string.Join(", ", session.OutputNames)}); "
                + "the contract needs feat_0 … feat_{L−1}, at least one");
            return;
        }
        var missing = Enumerable.Range(0, indices[^1] + 1).Except(indices).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"{path}: outputs feat_* must be numbered from 0 without gaps; found "
                + $"{string.Join(", ", indices.Select(i => FeaturePrefix + i))}, missing {string.Join(", ", missing.Select(i => FeaturePrefix + i))}");
        }
        foreach (int index in indices)
        {
            CheckTensor(session, path, isInput: false, FeaturePrefix + index, TensorElementType.Float,
                [Dim.Any("N"), Dim.Fixed(1), Dim.Any($"H_{index}"), Dim.Any($"W_{index}")], problems);
        }
    }

    private static void CheckExtraInputs(InferenceSession session, string path, string[] contractInputs, List<string> problems)
    {
        foreach (string name in session.InputNames.Where(n => !contractInputs.Contains(n)))
        {
            problems.Add($"{path}: input '{name}' ({session.InputMetadata[name]}) is not part of the contract, which has only "
                + $"{string.Join(", ", contractInputs)}; the app cannot feed it");
        }
    }

    private static void CheckTensor(InferenceSession session, string path, bool isInput, string name, TensorElementType type,
        Dim[] dims, List<string> problems)
    {
        string role = isInput ? "input" : "output";
        var nodes = isInput ? session.InputMetadata : session.OutputMetadata;
        if (!nodes.TryGetValue(name, out var node))
        {
            var found = isInput ? session.InputNames : session.OutputNames;
            problems.Add($"{path}: {role} '{name}' is missing (found {role}s: {string.Join(", ", found)})");
            return;
        }

        string expected = $"{TensorElementTypes.Name(type)} [{string.Join(',', dims.Select(d => d.Label))}]";
        bool typeOk = node.IsTensor && node.ElementType == type;
        bool rankOk = node.Rank == dims.Length;
        var notes = new List<string>();
        bool shapeOk = rankOk;
        if (rankOk)
        {
            for (int i = 0; i < dims.Length; i++)
            {
                long actual = node.Dimensions[i];
                // A dynamic dimension cannot disagree; only a fixed size that differs breaks the contract.
                if (dims[i].Value is long want && actual >= 0 && actual != want)
                {
                    shapeOk = false;
                    if (dims[i].Source is { } source && !notes.Contains(source))
                    {
                        notes.Add(source);
                    }
                }
            }
        }
        if (!typeOk || !shapeOk)
        {
            string note = notes.Count > 0 ? $" with {string.Join(", ", notes)}" : "";
            problems.Add($"{path}: {role} '{name}' expected {expected}{note}, found {node}");
        }
    }

    private static DenoiserMetadata? ParseMetadata(IReadOnlyDictionary<string, string> map, string path, List<string> problems)
    {
        int before = problems.Count;
        string keysFound = map.Count == 0 ? "none" : string.Join(", ", map.Keys.Order(StringComparer.Ordinal));

        string? Get(string key)
        {
            if (map.TryGetValue(key, out string? value))
            {
                return value;
            }
            problems.Add($"{path}: metadata '{key}' is missing (found keys: {keysFound})");
            return null;
        }

        void Bad(string key, string expected, string value) =>
            problems.Add($"{path}: metadata '{key}' expected {expected}, found '{value}'");

        int ParseInt(string key, int min)
        {
            string? text = Get(key);
            if (text is null)
            {
                return 0;
            }
            if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
            {
                Bad(key, $"an integer ≥ {min}", text);
            }
            return value;
        }

        double ParseDouble(string key)
        {
            string? text = Get(key);
            if (text is null)
            {
                return double.NaN;
            }
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                Bad(key, "a number", text);
                return double.NaN;
            }
            return value;
        }

        string ParseText(string key)
        {
            string? text = Get(key);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                Bad(key, "a non-empty text", text);
            }
            return text ?? "";
        }

        int t = ParseInt(KeyT, 1);
        double betaStart = ParseDouble(KeyBetaStart);
        double betaEnd = ParseDouble(KeyBetaEnd);
        if (double.IsFinite(betaStart) && double.IsFinite(betaEnd) && !(0 < betaStart && betaStart < betaEnd && betaEnd < 1))
        {
            problems.Add($"{path}: metadata '{KeyBetaStart}' and '{KeyBetaEnd}' expected 0 < beta_start < beta_end < 1, "
                + $"found {map[KeyBetaStart]} and {map[KeyBetaEnd]}");
        }
        string schedule = ParseText(KeySchedule);
        if (schedule.Length > 0 && !SupportedSchedules.Contains(schedule.Trim()))
        {
            Bad(KeySchedule, $"one of: {string.Join(", ", SupportedSchedules)}", schedule);
        }
        int imageSize = ParseInt(KeyImageSize, 1);
        double psi = ParseDouble(KeyPsi);
        string trainingData = ParseText(KeyTrainingData);
        string version = ParseText(KeyVersion);

        return problems.Count == before
            ? new DenoiserMetadata(t, betaStart, betaEnd, schedule.Trim(), imageSize, psi, trainingData, version)
            : null;
    }

    /// <summary>One expected dimension: how the contract writes it, its required size if fixed, and where that size came from.</summary>
    private readonly record struct Dim(string Label, long? Value, string? Source)
    {
        public static Dim Any(string label) => new(label, null, null);

        public static Dim Fixed(long value) => new(value.ToString(CultureInfo.InvariantCulture), value, null);
    }
}
