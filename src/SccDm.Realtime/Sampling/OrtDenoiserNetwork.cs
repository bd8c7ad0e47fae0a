using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Sampling;

/// <summary>
/// <see cref="IDenoiserNetwork"/> over ONNX Runtime: inputs and outputs are tensors over pinned buffers that are
/// bound once with IO binding, so a pass allocates nothing. The schedule comes from the model's metadata.
/// </summary>
public sealed class OrtDenoiserNetwork : IDenoiserNetwork, IDisposable
{
    private readonly DenoiserModel _model;
    private readonly float[] _dT, _cond;
    private readonly long[] _t;
    // ORT keeps raw pointers to these between runs, so they must never move: all pinned (DenoiserOutput's arrays are not).
    private readonly float[] _eps, _attention;
    private readonly float[][] _features;
    private readonly OrtIoBinding _binding;
    private readonly List<OrtValue> _values = [];
    private int _disposed;

    /// <summary>Wraps an opened, contract-checked model. The network does not own <paramref name="model"/>.</summary>
    public OrtDenoiserNetwork(DenoiserModel model)
    {
        _model = model;
        DenoiserMetadata meta = model.Metadata;
        ImageSize = meta.ImageSize;
        Schedule = DiffusionSchedule.Create(meta.Schedule, meta.T, meta.BetaStart, meta.BetaEnd);
        DefaultPsi = (float)meta.Psi;
        int n = ImageSize * ImageSize;
        _dT = GC.AllocateArray<float>(n, pinned: true);
        _cond = GC.AllocateArray<float>(n, pinned: true);
        _t = GC.AllocateArray<long>(1, pinned: true);
        long[] imageShape = [1, 1, ImageSize, ImageSize];

        OutputShape = DiscoverOutputShape(imageShape);
        _eps = GC.AllocateArray<float>(n, pinned: true);
        _attention = GC.AllocateArray<float>(OutputShape.AttentionWidth * OutputShape.AttentionHeight, pinned: true);
        _features = OutputShape.FeatureSizes.Select(s => GC.AllocateArray<float>(s.Width * s.Height, pinned: true)).ToArray();

        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(DenoiserModel.SampleInputName, Track(Tensor(_dT, imageShape)));
        _binding.BindInput(DenoiserModel.ConditionInputName, Track(Tensor(_cond, imageShape)));
        _binding.BindInput(DenoiserModel.TimestepInputName, Track(Tensor(_t, [1])));
        _binding.BindOutput(DenoiserModel.EpsOutputName, Track(Tensor(_eps, imageShape)));
        _binding.BindOutput(DenoiserModel.AttentionOutputName, Track(Tensor(_attention, [1, 1, OutputShape.AttentionHeight, OutputShape.AttentionWidth])));
        for (int l = 0; l < _features.Length; l++)
        {
            (int w, int h) = OutputShape.FeatureSizes[l];
            _binding.BindOutput(model.FeatureOutputNames[l], Track(Tensor(_features[l], [1, 1, h, w])));
        }
    }

    /// <inheritdoc />
    public int ImageSize { get; }

    /// <inheritdoc />
    public DiffusionSchedule Schedule { get; }

    /// <inheritdoc />
    public float DefaultPsi { get; }

    /// <inheritdoc />
    public DenoiserOutputShape OutputShape { get; }

    /// <summary>The execution provider the session runs on, and why.</summary>
    public ExecutionProviderChoice ExecutionProvider => _model.ExecutionProvider;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<float> dT, ReadOnlySpan<float> cond, int t, DenoiserOutput output)
    {
        dT.CopyTo(_dT);
        cond.CopyTo(_cond);
        _t[0] = t;
        _model.Session.RunWithBinding(_binding);
        _eps.CopyTo(output.Eps, 0);
        _attention.CopyTo(output.Attention, 0);
        for (int l = 0; l < _features.Length; l++)
        {
            _features[l].CopyTo(output.Features[l], 0);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _binding.Dispose();
        foreach (OrtValue v in _values)
        {
            v.Dispose();
        }
    }

    // Output spatial sizes may be symbolic in the graph; one pass on zeros tells them.
    private DenoiserOutputShape DiscoverOutputShape(long[] imageShape)
    {
        string[] outputs = [DenoiserModel.EpsOutputName, DenoiserModel.AttentionOutputName, .. _model.FeatureOutputNames];
        using OrtValue d = Tensor(_dT, imageShape);
        using OrtValue c = Tensor(_cond, imageShape);
        using OrtValue t = Tensor(_t, [1]);
        OrtValue[] results = _model.Session.Run(
            [DenoiserModel.SampleInputName, DenoiserModel.ConditionInputName, DenoiserModel.TimestepInputName], [d, c, t], outputs);
        try
        {
            long[] attn = results[1].GetTensorShape();
            var features = new (int, int)[results.Length - 2];
            for (int i = 2; i < results.Length; i++)
            {
                long[] s = results[i].GetTensorShape();
                features[i - 2] = ((int)s[3], (int)s[2]);
            }
            return new DenoiserOutputShape(ImageSize, (int)attn[3], (int)attn[2], features);
        }
        finally
        {
            foreach (OrtValue r in results)
            {
                r.Dispose();
            }
        }
    }

    private OrtValue Track(OrtValue value)
    {
        _values.Add(value);
        return value;
    }

    private static unsafe OrtValue Tensor<T>(T[] pinned, long[] shape) where T : unmanaged
        => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.Cpu, (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned)),
            (long)pinned.Length * sizeof(T), shape, typeof(T) == typeof(long) ? TensorElementType.Int64 : TensorElementType.Float);
}
