using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Profiling;
using SccDm.Realtime.Sampling.Gpu.Cuda;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// The reduced-step SCCDM sampler on Vulkan: the same steps, order and options as <see cref="ReferenceSampler"/>,
/// with every non-network step a compute shader (<see cref="SamplerKernels"/>) and the network in ONNX Runtime.
/// <para>
/// Memory: every per-frame tensor is a host-visible, coherent, persistently mapped <see cref="GpuBuffer"/> allocated
/// once. ORT's inputs (<c>d_t</c>, <c>cond</c>, <c>t</c>) and outputs (<c>eps</c>, <c>attn</c>, <c>feat_*</c>) are
/// OrtValues over those mappings, bound once with IO binding, so the CPU execution provider reads and writes the
/// very memory the shaders use (<see cref="ZeroCopyBindings"/>). The DDIM update writes the next d_t straight into
/// the buffer bound as <c>d_t</c>.
/// </para>
/// <para>
/// Per step: ORT run → record the step's shader chain in one command buffer → submit and wait → next step.
/// Visibility: ORT's host writes happen before vkQueueSubmit, and a submit makes earlier host writes to coherent
/// memory visible to the device, so no flush or host→device barrier is needed. Shader results ORT reads next
/// (d_t, SAG's d̄_t) and the final d₀ / image get a compute→host barrier, and the fence wait completes before the
/// host touches them. Each step is its own submission, so nothing the host writes is still in use by the device.
/// </para>
/// <para>
/// Noise: z (fixed per seed, cached) and the η &gt; 0 step noise come from <see cref="GaussianNoise"/> on the CPU,
/// written straight into mapped buffers, so they equal the reference's bit for bit.
/// </para>
/// Not thread-safe: one thread samples.
/// </summary>
public sealed unsafe class VulkanSampler : IDisposable
{
    private const string MainBinding = "main";
    private const string GuidanceBinding = "guidance";

    private readonly GpuDevice _device;
    private readonly DenoiserModel _model;
    private readonly FrameProfiler? _profiler;
    private readonly int _netStage, _shaderStage, _uploadStage;
    private readonly int _size, _n;
    private readonly List<IDisposable> _owned = [];
    private readonly SamplerKernels _kernels;
    private readonly GaussianBlur _blur;
    private readonly CommandRecorder _recorder;
    private readonly StepTimestamps _timestamps;
    private readonly GpuBuffer _d, _cond, _t, _eps, _attn, _dBar, _epsBar, _x0, _blurred, _dTilde, _mask, _gate, _dAttn, _z, _stepNoise, _epsGuided, _image;
    private readonly FeatureStack _features;
    private readonly List<OrtValue> _values = [];
    private readonly List<OrtIoBinding> _bindings = [];
    private readonly List<ZeroCopyBinding> _zeroCopy = [];
    private readonly OrtIoBinding _main, _guidance;
    private GpuBuffer? _frame;
    private LetterboxLayout _layout;
    private FrameFit _fit;
    private int[] _timesteps = [];
    private int _timestepsFor = -1;
    private ulong _zSeed;
    private bool _zValid;
    private long _frameCounter;
    private long _shaderStart;
    private long _netTicks, _shaderTicks, _uploadTicks;
    private double _gpuNs;
    private int _submits;
    private int _disposed;

    /// <summary>
    /// Creates the sampler: kernels, buffers for <paramref name="model"/>'s sizes, and the IO bindings.
    /// </summary>
    /// <param name="device">The Vulkan device; dispose the sampler first.</param>
    /// <param name="model">An opened, contract-checked denoiser; not owned.</param>
    /// <param name="profiler">Receives stages "net" (each ORT run), "shaders" (each submission's GPU time from timestamps,
    /// ending when the fence wait returned; the CPU submit-to-wait span where timestamps are unsupported) and "upload".</param>
    /// <param name="log">Receives one line about tensor residency when the session runs on CUDA.</param>
    public VulkanSampler(GpuDevice device, DenoiserModel model, FrameProfiler? profiler = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(model);
        _device = device;
        _model = model;
        _profiler = profiler;
        if (profiler is not null)
        {
            _netStage = profiler.StageId("net");
            _shaderStage = profiler.StageId("shaders");
            _uploadStage = profiler.StageId("upload");
        }

        DenoiserMetadata meta = model.Metadata;
        _size = meta.ImageSize;
        _n = _size * _size;
        Schedule = DiffusionSchedule.Create(meta.Schedule, meta.T, meta.BetaStart, meta.BetaEnd);
        DefaultPsi = (float)meta.Psi;
        Residency = TensorResidencyPolicy.Choose(model.ExecutionProvider.Provider, () => CudaInteropSeam.Probe(device), log);

        try
        {
            _kernels = Own(SamplerKernels.Create(device));
            _blur = Own(GaussianBlur.Create(device, _size, _size));
            _recorder = Own(CommandRecorder.Create(device));
            _timestamps = Own(new StepTimestamps(device));
            _d = NewImageBuffer();
            _cond = NewImageBuffer();
            _t = Own(GpuBuffer.Create<long>(device, 1));
            long[] imageShape = [1, 1, _size, _size];
            OrtValue dValue = Tensor(MainBinding, DenoiserModel.SampleInputName, _d, 0, imageShape, TensorElementType.Float);
            OrtValue condValue = Tensor(MainBinding, DenoiserModel.ConditionInputName, _cond, 0, imageShape, TensorElementType.Float);
            OrtValue tValue = Tensor(MainBinding, DenoiserModel.TimestepInputName, _t, 0, [1], TensorElementType.Int64);
            _d.AsSpan<float>().Clear();
            _cond.AsSpan<float>().Clear();
            _t.AsSpan<long>()[0] = Schedule.T - 1;
            OutputShape = DenoiserOutputProbe.Discover(model, _size, dValue, condValue, tValue);

            _eps = NewImageBuffer();
            _attn = Own(GpuBuffer.Create<float>(device, OutputShape.AttentionWidth * OutputShape.AttentionHeight));
            _features = Own(FeatureStack.Create(device, OutputShape.FeatureSizes, _size, _size));
            _dBar = NewImageBuffer(); _epsBar = NewImageBuffer(); _x0 = NewImageBuffer(); _blurred = NewImageBuffer(); _dTilde = NewImageBuffer(); _mask = NewImageBuffer(); _gate = NewImageBuffer();
            _dAttn = NewImageBuffer(); _z = NewImageBuffer(); _stepNoise = NewImageBuffer(); _epsGuided = NewImageBuffer(); _image = NewImageBuffer();
            _stepNoise.AsSpan<float>().Clear();

            _main = Bind(model.Session.CreateIoBinding());
            _main.BindInput(DenoiserModel.SampleInputName, dValue);
            _main.BindInput(DenoiserModel.ConditionInputName, condValue);
            _main.BindInput(DenoiserModel.TimestepInputName, tValue);
            _main.BindOutput(DenoiserModel.EpsOutputName, Tensor(MainBinding, DenoiserModel.EpsOutputName, _eps, 0, imageShape, TensorElementType.Float));
            _main.BindOutput(DenoiserModel.AttentionOutputName, Tensor(MainBinding, DenoiserModel.AttentionOutputName, _attn, 0,
                [1, 1, OutputShape.AttentionHeight, OutputShape.AttentionWidth], TensorElementType.Float));
            for (int l = 0; l < _features.LevelCount; l++)
            {
                (int w, int h) = _features.LevelSize(l);
                string name = model.FeatureOutputNames[l];
                _main.BindOutput(name, Tensor(MainBinding, name, _features.Features, _features.LevelByteOffset(l), [1, 1, h, w], TensorElementType.Float));
            }

            // SAG's second pass: d̄_t in, only ε̄ out (the gate and mask come from the first pass).
            _guidance = Bind(model.Session.CreateIoBinding());
            _guidance.BindInput(DenoiserModel.SampleInputName, Tensor(GuidanceBinding, DenoiserModel.SampleInputName, _dBar, 0, imageShape, TensorElementType.Float));
            _guidance.BindInput(DenoiserModel.ConditionInputName, condValue);
            _guidance.BindInput(DenoiserModel.TimestepInputName, tValue);
            _guidance.BindOutput(DenoiserModel.EpsOutputName, Tensor(GuidanceBinding, DenoiserModel.EpsOutputName, _epsBar, 0, imageShape, TensorElementType.Float));
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Model input size H = W.</summary>
    public int ImageSize => _size;

    /// <summary>The schedule from the model's metadata.</summary>
    public DiffusionSchedule Schedule { get; }

    /// <summary>Default ψ from the model's metadata.</summary>
    public float DefaultPsi { get; }

    /// <summary>The network's output sizes (discovered with one run at construction).</summary>
    public DenoiserOutputShape OutputShape { get; }

    /// <summary>How ORT's tensors meet the shaders' memory.</summary>
    public TensorResidency Residency { get; }

    /// <summary>Number of network passes the last call made.</summary>
    public int NetworkCalls { get; private set; }

    /// <summary>True once a frame has been sampled: the camera path can then warm-start from it.</summary>
    public bool HasResult { get; private set; }

    /// <summary>Timings of the last frame.</summary>
    public SamplerFrameTimings LastFrame { get; private set; }

    /// <summary>Every bound ORT tensor with the mapped buffer it lives in (to check the zero-copy claim).</summary>
    public IReadOnlyList<ZeroCopyBinding> ZeroCopyBindings => _zeroCopy;

    /// <summary>The last result d₀ (H×W) on the device; also the buffer bound as the network's d_t.</summary>
    public GpuBuffer D0Buffer => _d;

    /// <summary>The last X-ray x = clamp(d₀ + c, −1, 1) (H×W) on the device.</summary>
    public GpuBuffer ImageBuffer => _image;

    /// <summary>The condition c of the last frame (H×W) on the device.</summary>
    public GpuBuffer CondBuffer => _cond;

    /// <summary>The last d₀, read from mapped memory; valid until the next Sample call.</summary>
    public ReadOnlySpan<float> D0 => _d.AsSpan<float>();

    /// <summary>The last X-ray image in [−1, 1], read from mapped memory; valid until the next Sample call.</summary>
    public ReadOnlySpan<float> Image => _image.AsSpan<float>();

    /// <summary>The last condition, read from mapped memory (the camera path's letterboxed gray frame).</summary>
    public ReadOnlySpan<float> Cond => _cond.AsSpan<float>();

    /// <summary>
    /// Samples d₀ for condition <paramref name="cond"/> (gray, [−1,1], H×W), leaving d₀ and the X-ray on the device
    /// (<see cref="D0"/>, <see cref="Image"/>). With <see cref="SamplerOptions.WarmStartIndex"/> set and
    /// <paramref name="previousD0"/> given, starts at schedule index k from it, like <see cref="ReferenceSampler"/>.
    /// </summary>
    public void Sample(ReadOnlySpan<float> cond, SamplerOptions options, ReadOnlySpan<float> previousD0 = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfDisposed();
        options.Validate();
        CheckLength(cond, nameof(cond));
        long frameId = _frameCounter++;
        long start = Stopwatch.GetTimestamp();
        bool warm = options.WarmStartIndex is not null && previousD0.Length == _n;
        cond.CopyTo(_cond.AsSpan<float>());
        if (warm)
        {
            previousD0.CopyTo(_d.AsSpan<float>());
        }
        RecordUpload(frameId, start);
        SampleCore(options, warm, camera: false, frameId, start);
    }

    /// <summary>
    /// <see cref="Sample(ReadOnlySpan{float}, SamplerOptions, ReadOnlySpan{float})"/> with the reference sampler's
    /// shape: also copies d₀ and the image into <paramref name="d0"/> and <paramref name="image"/>.
    /// </summary>
    public void Sample(ReadOnlySpan<float> cond, SamplerOptions options, Span<float> d0, Span<float> image, ReadOnlySpan<float> previousD0 = default)
    {
        Sample(cond, options, previousD0);
        D0.CopyTo(d0);
        Image.CopyTo(image);
    }

    /// <summary>
    /// Samples from a camera frame: the RGBA8 pixels are copied into a mapped buffer and turned into the
    /// letterboxed gray condition by a shader (<see cref="CameraToCond"/>). With
    /// <see cref="SamplerOptions.WarmStartIndex"/> set and <see cref="HasResult"/>, warm-starts from the previous
    /// frame's d₀, which is still on the device (video mode). The profiler's frame id is the frame's sequence.
    /// </summary>
    public void Sample(CameraFrame frame, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfDisposed();
        options.Validate();
        long start = Stopwatch.GetTimestamp();
        EnsureFrameBuffer(frame.Width, frame.Height, options.FrameFit);
        frame.Pixels.AsSpan().CopyTo(_frame!.AsSpan<byte>());
        RecordUpload(frame.Sequence, start);
        SampleCore(options, options.WarmStartIndex is not null && HasResult, camera: true, frame.Sequence, start);
    }

    /// <summary>Forgets the previous result, so the next camera frame starts from noise (e.g. after a scene cut).</summary>
    public void ResetWarmStart() => HasResult = false;

    /// <summary>Releases ORT's bindings and values, then every Vulkan object in reverse order of creation. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Release();
    }

    private void SampleCore(SamplerOptions options, bool warm, bool camera, long frameId, long start)
    {
        int[] timesteps = Timesteps(options.Steps);
        float psi = options.Psi ?? DefaultPsi;
        NetworkCalls = 0;
        _netTicks = _shaderTicks = 0;
        _gpuNs = 0;
        _submits = 0;
        HasResult = false; // d_t is about to be overwritten; a failure leaves no valid result behind

        if (!_zValid || _zSeed != options.Seed)
        {
            GaussianNoise.Fill(_z.AsSpan<float>(), options.Seed);
            _zSeed = options.Seed;
            _zValid = true;
        }

        // Prologue: the condition from the camera, and the starting d_t (z, or the warm start from d₀).
        int first = warm ? options.WarmStartIndex!.Value : 0;
        BeginShaders();
        if (camera)
        {
            _kernels.RecordCameraToCond(_recorder, _frame!, _cond, _layout);
            _recorder.ComputeToHost(_cond);
        }
        if (warm)
        {
            _kernels.RecordWarmStart(_recorder, _d, _z, Schedule.AlphaBar(timesteps[first]), _d, _n);
            _recorder.ComputeToHost(_d);
        }
        else
        {
            var region = new BufferCopy { Size = (ulong)_n * sizeof(float) };
            _device.Vk.CmdCopyBuffer(_recorder.CommandBuffer, _z.Handle, _d.Handle, 1, &region);
            _recorder.BufferBarrier(_d, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit,
                PipelineStageFlags.HostBit | PipelineStageFlags.ComputeShaderBit, AccessFlags.HostReadBit | AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit);
        }
        EndShaders(frameId);

        for (int i = first; i < timesteps.Length; i++)
        {
            int t = timesteps[i];
            double ab = Schedule.AlphaBar(t);
            double abPrev = i + 1 < timesteps.Length ? Schedule.AlphaBar(timesteps[i + 1]) : 1.0;
            bool last = i == timesteps.Length - 1;
            _t.AsSpan<long>()[0] = t;
            RunNetwork(_main, frameId);

            double sigma = SamplerMath.DdimSigma(options.Eta, ab, abPrev);
            if (sigma > 0)
            {
                // Host writes before the submit below: visible to the device without a barrier.
                GaussianNoise.Fill(_stepNoise.AsSpan<float>(), options.Seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
            }

            BeginShaders();
            bool sag = options.Variant == SamplerVariant.Sag;
            if (!sag)
            {
                // SAG never reads M, so it skips the fusion (the reference computes and ignores it).
                _kernels.RecordFuseMultiScale(_recorder, _features, _mask);
            }
            _kernels.RecordAttentionGate(_recorder, _attn, OutputShape.AttentionWidth, OutputShape.AttentionHeight, psi, options.Gating, _gate, _size, _size);
            _kernels.RecordPredictX0(_recorder, _d, _eps, ab, _x0, _n);
            _recorder.ComputeToCompute(_x0);
            _blur.Record(_recorder, _x0, _blurred);
            _recorder.ComputeToCompute(_blurred);
            _kernels.RecordRenoise(_recorder, _blurred, _eps, ab, _dTilde, _n);
            _recorder.ComputeToCompute(_dTilde);
            _recorder.ComputeToCompute(_gate);
            if (sag)
            {
                _kernels.RecordSagInput(_recorder, _d, _dTilde, _gate, _dBar, _n);
                _recorder.ComputeToHost(_dBar);
                EndShaders(frameId);
                RunNetwork(_guidance, frameId);
                BeginShaders();
                _kernels.RecordSagCombine(_recorder, _eps, _epsBar, options.SagScale, _epsGuided, _n);
                _recorder.ComputeToCompute(_epsGuided);
                _kernels.RecordDdimUpdate(_recorder, _d, _epsGuided, ab, abPrev, sigma, _stepNoise, _d, _n);
            }
            else
            {
                _recorder.ComputeToCompute(_mask);
                _kernels.RecordBlend(_recorder, _d, _dTilde, _mask, _gate, options.Lambda, _dAttn, _n);
                // Also orders the reads of d_t above (predict, blend) before the in-place update below.
                _recorder.ComputeToCompute(_dAttn);
                _kernels.RecordDdimUpdate(_recorder, _dAttn, _eps, ab, abPrev, sigma, _stepNoise, _d, _n);
            }
            if (last)
            {
                _recorder.ComputeToCompute(_d);
                _kernels.RecordCompose(_recorder, _d, _cond, _image, _n);
                _recorder.ComputeToHost(_image);
            }
            _recorder.ComputeToHost(_d);
            EndShaders(frameId);
        }

        HasResult = true;
        long end = Stopwatch.GetTimestamp();
        LastFrame = new SamplerFrameTimings(
            FrameProfiler.TicksToMs(end - start),
            FrameProfiler.TicksToMs(_netTicks),
            FrameProfiler.TicksToMs(_shaderTicks),
            _gpuNs / 1e6,
            FrameProfiler.TicksToMs(_uploadTicks),
            NetworkCalls,
            _submits);
    }

    private void RunNetwork(OrtIoBinding binding, long frameId)
    {
        long start = Stopwatch.GetTimestamp();
        _model.Session.RunWithBinding(binding);
        long end = Stopwatch.GetTimestamp();
        NetworkCalls++;
        _netTicks += end - start;
        _profiler?.Record(_netStage, frameId, start, end);
    }

    private void BeginShaders()
    {
        _shaderStart = Stopwatch.GetTimestamp();
        CommandBuffer cmd = _recorder.Begin();
        _timestamps.RecordStart(cmd);
    }

    private void EndShaders(long frameId)
    {
        _timestamps.RecordEnd(_recorder.CommandBuffer);
        _recorder.SubmitAndWait();
        long end = Stopwatch.GetTimestamp();
        _submits++;
        _shaderTicks += end - _shaderStart;
        double gpuNs = _timestamps.ReadNanoseconds();
        _gpuNs += gpuNs;
        if (_profiler is not null)
        {
            // GPU time placed so it ends when the fence wait returned; the CPU span where there are no timestamps.
            long begin = _timestamps.Active ? Math.Max(_shaderStart, end - (long)(gpuNs * Stopwatch.Frequency / 1e9)) : _shaderStart;
            _profiler.Record(_shaderStage, frameId, begin, end);
        }
    }

    private void RecordUpload(long frameId, long start)
    {
        long end = Stopwatch.GetTimestamp();
        _uploadTicks = end - start;
        _profiler?.Record(_uploadStage, frameId, start, end);
    }

    private int[] Timesteps(int steps)
    {
        if (_timestepsFor != steps)
        {
            _timesteps = SamplerTimesteps.Trailing(Schedule.T, steps);
            _timestepsFor = steps;
        }
        return _timesteps;
    }

    // Allocates only when the camera's size changes, never per frame.
    private void EnsureFrameBuffer(int width, int height, FrameFit fit)
    {
        if (_frame is not null && _layout.FrameWidth == width && _layout.FrameHeight == height)
        {
            if (_fit != fit)
            {
                _layout = LetterboxLayout.For(width, height, _size, fit);
                _fit = fit;
            }
            return;
        }
        _frame?.Dispose();
        _frame = null;
        _layout = LetterboxLayout.For(width, height, _size, fit);
        _fit = fit;
        _frame = GpuBuffer.Create(_device, (long)width * height * 4);
    }

    private GpuBuffer NewImageBuffer() => Own(GpuBuffer.Create<float>(_device, _n));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private OrtIoBinding Bind(OrtIoBinding binding)
    {
        _bindings.Add(binding);
        return binding;
    }

    private OrtValue Tensor(string binding, string name, GpuBuffer buffer, long byteOffset, long[] shape, TensorElementType type)
    {
        long elements = 1;
        foreach (long d in shape)
        {
            elements *= d;
        }
        long bytes = elements * (type == TensorElementType.Int64 ? sizeof(long) : sizeof(float));
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.Cpu, buffer.MappedPointer + (nint)byteOffset, bytes, shape, type);
        _values.Add(value);
        _zeroCopy.Add(new ZeroCopyBinding(binding, name, value, buffer, byteOffset));
        return value;
    }

    private void Release()
    {
        // The bindings and values reference the mapped memory: release them before the buffers.
        for (int i = _bindings.Count - 1; i >= 0; i--)
        {
            _bindings[i].Dispose();
        }
        foreach (OrtValue v in _values)
        {
            v.Dispose();
        }
        _frame?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private void CheckLength(ReadOnlySpan<float> span, string name)
    {
        if (span.Length != _n)
        {
            throw new ArgumentException($"{name} must hold {_size}×{_size} = {_n} values, got {span.Length}", name);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
