using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Gpu.Reference;
using SccDm.Realtime.Models;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Gpu;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Benchmarks;

/// <summary>
/// The sampler's non-network kernels on the Vulkan device (each a record + submit + fence wait, as the sampler pays
/// it) against the C# reference of the same math (<see cref="SamplerMath"/>, <see cref="GaussianBlurReference"/>), at
/// the shipped model's sizes and on its real outputs (one network pass at t = 749 in the setup). Each category's
/// baseline is the C# reference. "step" is every non-network kernel of one paper-variant step in one submission, the
/// way <see cref="VulkanSampler"/> records it; "submit" is an empty submission: the fixed cost each one carries.
/// </summary>
[CategoriesColumn, MinColumn, MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ShaderBenchmarks
{
    private const int StepT = 749, PrevT = 499;
    private GpuDevice _device = null!;
    private SamplerKernels _kernels = null!;
    private GaussianBlur _blur = null!;
    private CommandRecorder _recorder = null!;
    private FeatureStack _features = null!;
    private readonly List<GpuBuffer> _buffers = [];
    private GpuBuffer _gd = null!, _geps = null!, _gattn = null!, _gx0 = null!, _gblurred = null!, _gdTilde = null!, _gmask = null!, _ggate = null!, _gdAttn = null!, _gdPrev = null!, _gnoise = null!;
    private float[] _d = [], _attn = [], _x0 = [], _blurred = [], _scratch = [], _dTilde = [], _mask = [], _gate = [], _dAttn = [], _dPrev = [];
    private DenoiserOutput _out = null!;
    private int _size, _n;
    private double _ab, _abPrev;
    private float _psi;

    [GlobalSetup]
    public void Setup()
    {
        using (DenoiserModel model = DenoiserModel.Open(BenchInputs.KioskModel))
        using (var network = new OrtDenoiserNetwork(model))
        {
            _size = network.ImageSize;
            _n = _size * _size;
            _out = new DenoiserOutput(network.OutputShape);
            _d = SeededValues.Uniform(_n, 1);
            network.Run(_d, SeededValues.Uniform(_n, 2), StepT, _out);
            _ab = network.Schedule.AlphaBar(StepT);
            _abPrev = network.Schedule.AlphaBar(PrevT);
            _psi = network.DefaultPsi;
        }
        _x0 = new float[_n]; _blurred = new float[_n]; _scratch = new float[_n]; _dTilde = new float[_n];
        _mask = new float[_n]; _gate = new float[_n]; _dAttn = new float[_n]; _dPrev = new float[_n];
        _attn = _out.Attention;

        _device = GpuDevice.Create(new GpuDeviceOptions { ApplicationName = "SccDm.Realtime.Benchmarks" });
        _kernels = SamplerKernels.Create(_device);
        _blur = GaussianBlur.Create(_device, _size, _size);
        _recorder = CommandRecorder.Create(_device);
        _features = FeatureStack.Create(_device, _out.Shape.FeatureSizes, _size, _size);
        for (int l = 0; l < _features.LevelCount; l++)
        {
            _out.Features[l].CopyTo(_features.Level(l));
        }
        _gd = Upload(_d); _geps = Upload(_out.Eps); _gattn = Upload(_attn); _gnoise = Upload(new float[_n]);
        _gx0 = Upload(_x0); _gblurred = Upload(_x0); _gdTilde = Upload(_x0); _gmask = Upload(_x0); _ggate = Upload(_x0); _gdAttn = Upload(_x0); _gdPrev = Upload(_x0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (GpuBuffer b in _buffers)
        {
            b.Dispose();
        }
        _features.Dispose();
        _recorder.Dispose();
        _blur.Dispose();
        _kernels.Dispose();
        _device.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("blur 5×5")]
    public void BlurCSharp() => GaussianBlurReference.Apply(_x0, _blurred, _scratch, _size, _size);

    [Benchmark, BenchmarkCategory("blur 5×5")]
    public void BlurShader()
    {
        _recorder.Begin();
        _blur.Record(_recorder, _gx0, _gblurred);
        _recorder.ComputeToHost(_gblurred);
        _recorder.SubmitAndWait();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("attention gate")]
    public void GateCSharp() => SamplerMath.AttentionGate(_attn, _out.Shape.AttentionWidth, _out.Shape.AttentionHeight, _psi, _gate, _size, _size);

    [Benchmark, BenchmarkCategory("attention gate")]
    public void GateShader()
    {
        _recorder.Begin();
        _kernels.RecordAttentionGate(_recorder, _gattn, _out.Shape.AttentionWidth, _out.Shape.AttentionHeight, _psi, true, _ggate, _size, _size);
        _recorder.ComputeToHost(_ggate);
        _recorder.SubmitAndWait();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("fuse multi-scale")]
    public void FuseCSharp() => SamplerMath.FuseMultiScale(_out.FeatureMaps, _mask, _size, _size);

    [Benchmark, BenchmarkCategory("fuse multi-scale")]
    public void FuseShader()
    {
        _recorder.Begin();
        _kernels.RecordFuseMultiScale(_recorder, _features, _gmask);
        _recorder.ComputeToHost(_gmask);
        _recorder.SubmitAndWait();
    }

    /// <summary>Steps 2–8 of one paper-variant step (everything but the network), as ReferenceSampler runs them.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("step (all non-network math)")]
    public void StepCSharp()
    {
        SamplerMath.FuseMultiScale(_out.FeatureMaps, _mask, _size, _size);
        SamplerMath.AttentionGate(_attn, _out.Shape.AttentionWidth, _out.Shape.AttentionHeight, _psi, _gate, _size, _size);
        SamplerMath.PredictX0(_d, _out.Eps, _ab, _x0);
        GaussianBlurReference.Apply(_x0, _blurred, _scratch, _size, _size);
        SamplerMath.Renoise(_blurred, _out.Eps, _ab, _dTilde);
        SamplerMath.Blend(_d, _dTilde, _mask, _gate, 1f, _dAttn);
        SamplerMath.DdimUpdate(_dAttn, _out.Eps, _ab, _abPrev, 0, [], _dPrev);
    }

    /// <summary>The same step as one command buffer with the barriers VulkanSampler records.</summary>
    [Benchmark, BenchmarkCategory("step (all non-network math)")]
    public void StepShader()
    {
        _recorder.Begin();
        _kernels.RecordFuseMultiScale(_recorder, _features, _gmask);
        _kernels.RecordAttentionGate(_recorder, _gattn, _out.Shape.AttentionWidth, _out.Shape.AttentionHeight, _psi, true, _ggate, _size, _size);
        _kernels.RecordPredictX0(_recorder, _gd, _geps, _ab, _gx0, _n);
        _recorder.ComputeToCompute(_gx0);
        _blur.Record(_recorder, _gx0, _gblurred);
        _recorder.ComputeToCompute(_gblurred);
        _kernels.RecordRenoise(_recorder, _gblurred, _geps, _ab, _gdTilde, _n);
        _recorder.ComputeToCompute(_gdTilde);
        _recorder.ComputeToCompute(_ggate);
        _recorder.ComputeToCompute(_gmask);
        _kernels.RecordBlend(_recorder, _gd, _gdTilde, _gmask, _ggate, 1f, _gdAttn, _n);
        _recorder.ComputeToCompute(_gdAttn);
        _kernels.RecordDdimUpdate(_recorder, _gdAttn, _geps, _ab, _abPrev, 0, _gnoise, _gdPrev, _n);
        _recorder.ComputeToHost(_gdPrev);
        _recorder.SubmitAndWait();
    }

    [Benchmark, BenchmarkCategory("submit")]
    public void EmptySubmit()
    {
        _recorder.Begin();
        _recorder.SubmitAndWait();
    }

    private GpuBuffer Upload(ReadOnlySpan<float> values)
    {
        var buffer = GpuBuffer.Create<float>(_device, values.Length);
        values.CopyTo(buffer.AsSpan<float>());
        _buffers.Add(buffer);
        return buffer;
    }
}
