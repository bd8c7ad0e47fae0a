using BenchmarkDotNet.Attributes;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Benchmarks;

/// <summary>
/// A whole sample with a real model: the network alone (one ORT run at t = 999, the baseline), and a
/// <see cref="Steps"/>-step paper-variant sample by the C# reference sampler and by the Vulkan sampler (start noise,
/// Steps × (network + the step's math), compose). With Steps = 1 that is one sampler step; the difference to the
/// network row is what the sampler adds. Models: the tiny test fixture (32², the sampler's fixed costs) and the
/// shipped kiosk model (128²). ORT uses its default thread count (one per core).
/// </summary>
[MinColumn, MedianColumn]
public class SamplerStepBenchmarks
{
    private DenoiserModel _model = null!;
    private OrtDenoiserNetwork _network = null!;
    private ReferenceSampler _reference = null!;
    private GpuDevice _device = null!;
    private VulkanSampler _vulkan = null!;
    private DenoiserOutput _out = null!;
    private SamplerOptions _options = null!;
    private float[] _cond = [], _d = [], _d0 = [], _image = [];

    /// <summary>"tiny" (tests/fixtures/tiny_denoiser.onnx) or "kiosk" (models/sccdm_kiosk.onnx).</summary>
    [Params("tiny", "kiosk")]
    public string Model { get; set; } = "kiosk";

    /// <summary>DDIM steps of the sample (4 is the kiosk's default).</summary>
    [Params(1, 4)]
    public int Steps { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _model = DenoiserModel.Open(BenchInputs.Model(Model));
        _network = new OrtDenoiserNetwork(_model);
        _reference = new ReferenceSampler(_network);
        _device = GpuDevice.Create(new GpuDeviceOptions { ApplicationName = "SccDm.Realtime.Benchmarks" });
        _vulkan = new VulkanSampler(_device, _model);
        int n = _network.ImageSize * _network.ImageSize;
        _cond = SeededValues.Uniform(n, 42);
        _d = SeededValues.Uniform(n, 7);
        _d0 = new float[n];
        _image = new float[n];
        _out = new DenoiserOutput(_network.OutputShape);
        _options = new SamplerOptions { Steps = Steps };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _vulkan.Dispose();
        _device.Dispose();
        _network.Dispose();
        _model.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NetworkOnly() => _network.Run(_d, _cond, _network.Schedule.T - 1, _out);

    [Benchmark]
    public void SampleCSharp() => _reference.Sample(_cond, _options, _d0, _image);

    [Benchmark]
    public void SampleVulkan() => _vulkan.Sample(_cond, _options);
}
