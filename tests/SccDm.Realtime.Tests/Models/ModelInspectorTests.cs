using System.Security.Cryptography;
using SccDm.Realtime.Models;

namespace SccDm.Realtime.Tests.Models;

public sealed class ModelInspectorTests
{
    [Fact]
    public void Good_denoiser_is_ok_with_size_hash_and_metadata()
    {
        string path = RepoPaths.Fixture("tiny_denoiser.onnx");
        var result = ModelInspector.Check(path);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(ModelKind.Denoiser, result.Kind);
        Assert.Equal(new FileInfo(path).Length, result.FileSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), result.Sha256);
        Assert.Equal("1000", result.Metadata["sccdm.T"]);
        Assert.Contains("d_t: float32 [N,1,32,32]", result.Inputs);
        Assert.Contains("attn: float32 [N,1,4,4]", result.Outputs);
    }

    [Fact]
    public void Good_keypoint_model_is_ok()
    {
        var result = ModelInspector.Check(RepoPaths.Fixture("tiny_keypoints.onnx"));
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(ModelKind.Keypoints, result.Kind);
    }

    [Fact]
    public void Wrong_contract_is_a_denoiser_with_problems()
    {
        var result = ModelInspector.Check(RepoPaths.Fixture("wrong_contract.onnx"));
        Assert.False(result.Ok);
        Assert.Equal(ModelKind.Denoiser, result.Kind);
        Assert.Equal(2, result.Problems.Count);
    }

    [Theory]
    [InlineData("truncated.onnx")]
    [InlineData("does-not-exist.onnx")]
    [InlineData("README.md")]
    public void Bad_files_never_throw(string name)
    {
        string path = RepoPaths.Fixture(name);
        var result = ModelInspector.Check(path);
        Assert.False(result.Ok);
        Assert.Equal(ModelKind.Unknown, result.Kind);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith(path, problem);
        Assert.Empty(result.Inputs);
    }

    [Fact]
    public void A_folder_is_reported_not_thrown()
    {
        var result = ModelInspector.Check(RepoPaths.Fixtures);
        Assert.False(result.Ok);
        Assert.Equal($"{RepoPaths.Fixtures} is a folder, not an .onnx model file", Assert.Single(result.Problems));
    }
}
