using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Tests.Models;

public sealed class ModelContractTests
{
    private static readonly ModelOptions _cpu = new() { ExecutionProvider = ExecutionProviderRequest.Cpu, IntraOpNumThreads = 1 };

    [Fact]
    public void Tiny_denoiser_meets_the_contract_and_exposes_its_schedule()
    {
        string path = RepoPaths.Fixture("tiny_denoiser.onnx");
        using var model = DenoiserModel.Open(path, _cpu);

        Assert.Equal(new DenoiserMetadata(1000, 1e-4, 0.02, "linear", 32, 1.0, "test fixture", "fixture-1"), model.Metadata);
        Assert.Equal(["feat_0", "feat_1"], model.FeatureOutputNames);
        Assert.Equal([-1L, 1, 8, 8], model.FeatureOutputs[0].Dimensions);
        Assert.Equal([-1L, 1, 4, 4], model.AttentionOutput.Dimensions);
        Assert.Equal("float32 [N,1,32,32]", model.SampleInput.ToString());
        Assert.Equal(ExecutionProviderKind.Cpu, model.ExecutionProvider.Provider);
        Assert.Equal(path, model.Path);
    }

    [Fact]
    public void Tiny_keypoint_model_meets_the_contract()
    {
        using var model = KeypointModel.Open(RepoPaths.Fixture("tiny_keypoints.onnx"), _cpu);
        Assert.Equal("float32 [N,10,8,8]", model.HeatmapsOutput.ToString());
        Assert.Equal(10, KeypointModel.KeypointCount);
    }

    [Fact]
    public void Wrong_contract_names_the_file_and_each_tensor()
    {
        string path = RepoPaths.Fixture("wrong_contract.onnx");
        var e = Assert.Throws<ModelContractException>(() => DenoiserModel.Open(path, _cpu));

        Assert.Equal(path, e.Path);
        Assert.Contains($"{path}: output 'eps' is missing (found outputs: noise, attn, feat_0)", e.Problems);
        Assert.Contains($"{path}: input 'cond' expected float32 [N,1,H,W], found float32 [N,3,32,32]", e.Problems);
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(path, e.Message);
        Assert.Contains("'eps'", e.Message);
        Assert.Contains("'cond'", e.Message);
    }

    [Fact]
    public void Feature_outputs_must_be_contiguous_from_zero()
    {
        string path = RepoPaths.Fixture("gapped_features.onnx");
        var e = Assert.Throws<ModelContractException>(() => DenoiserModel.Open(path, _cpu));
        var problem = Assert.Single(e.Problems);
        Assert.Equal($"{path}: outputs feat_* must be numbered from 0 without gaps; found feat_0, feat_2, missing feat_1", problem);
    }

    [Fact]
    public void Missing_and_unparseable_metadata_is_listed_key_by_key()
    {
        string path = RepoPaths.Fixture("missing_metadata.onnx");
        var e = Assert.Throws<ModelContractException>(() => DenoiserModel.Open(path, _cpu));

        Assert.Contains($"{path}: metadata 'sccdm.T' expected an integer ≥ 1, found 'a thousand'", e.Problems);
        Assert.Contains($"{path}: metadata 'sccdm.beta_start' is missing (found keys: sccdm.T)", e.Problems);
        foreach (string key in new[] { "sccdm.beta_end", "sccdm.schedule", "sccdm.image_size", "sccdm.psi", "sccdm.training_data", "sccdm.version" })
        {
            Assert.Contains(e.Problems, p => p.StartsWith($"{path}: metadata '{key}' is missing", StringComparison.Ordinal));
        }
        Assert.Equal(8, e.Problems.Count);
    }

    [Fact]
    public void Keypoint_model_is_not_a_denoiser()
    {
        string path = RepoPaths.Fixture("tiny_keypoints.onnx");
        var e = Assert.Throws<ModelContractException>(() => DenoiserModel.Open(path, _cpu));
        Assert.Contains($"{path}: input 'xray' (float32 [N,1,32,32]) is not part of the contract, which has only d_t, cond, t; the app cannot feed it", e.Problems);
        Assert.Contains($"{path}: input 'd_t' is missing (found inputs: xray)", e.Problems);
    }

    [Fact]
    public void Denoiser_is_not_a_keypoint_model()
    {
        string path = RepoPaths.Fixture("tiny_denoiser.onnx");
        var e = Assert.Throws<ModelContractException>(() => KeypointModel.Open(path, _cpu));
        Assert.Contains($"{path}: output 'heatmaps' is missing (found outputs: eps, attn, feat_0, feat_1)", e.Problems);
    }

    [Fact]
    public void Truncated_file_is_a_load_error_naming_the_file_with_orts_reason()
    {
        string path = RepoPaths.Fixture("truncated.onnx");
        var e = Assert.Throws<ModelLoadException>(() => DenoiserModel.Open(path, _cpu));
        Assert.Equal(path, e.Path);
        Assert.Equal(OrtErrorCode.InvalidProtobuf, e.ErrorCode);
        Assert.StartsWith($"{path}: ONNX Runtime could not load the model:", e.Message);
        Assert.Contains("Protobuf parsing failed", e.Message);
        Assert.Contains("truncated or not an ONNX model", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_load_error_naming_the_file()
    {
        string path = Path.Combine("models", "no-such-model.onnx");
        var e = Assert.Throws<ModelLoadException>(() => KeypointModel.Open(path, _cpu));
        Assert.Equal(OrtErrorCode.NoSuchFile, e.ErrorCode);
        Assert.StartsWith($"{path}: model file not found", e.Message);
    }

    [Fact]
    public void Cuda_request_falls_back_to_cpu_with_orts_reason_and_logs_it()
    {
        var log = new List<string>();
        var options = new ModelOptions { ExecutionProvider = ExecutionProviderRequest.Cuda, Log = log.Add };
        using var model = DenoiserModel.Open(RepoPaths.Fixture("tiny_denoiser.onnx"), options);
        if (model.ExecutionProvider.Provider == ExecutionProviderKind.Cuda)
        {
            return; // a CUDA machine: nothing to fall back from
        }
        Assert.True(model.ExecutionProvider.IsFallback);
        Assert.StartsWith("CUDA requested but unavailable: ", model.ExecutionProvider.Reason);
        Assert.Contains("Failed to load shared library", model.ExecutionProvider.Reason);
        Assert.Contains("falling back to CPU", model.ExecutionProvider.Reason);
        var line = Assert.Single(log);
        Assert.Contains(model.ExecutionProvider.Reason, line);
    }

    [Fact]
    public void Policy_for_cpu_and_auto_requests()
    {
        using (var options = new SessionOptions())
        {
            var cpu = ExecutionProviderPolicy.Apply(options, ExecutionProviderRequest.Cpu);
            Assert.Equal(new ExecutionProviderChoice(ExecutionProviderKind.Cpu, "CPU requested"), cpu);
        }
        using (var options = new SessionOptions())
        {
            var auto = ExecutionProviderPolicy.Apply(options, ExecutionProviderRequest.Auto);
            Assert.StartsWith("auto: ", auto.Reason);
            Assert.False(auto.IsFallback);
            if (auto.Provider == ExecutionProviderKind.Cpu)
            {
                Assert.Contains("CPU", auto.Reason);
            }
        }
    }
}
