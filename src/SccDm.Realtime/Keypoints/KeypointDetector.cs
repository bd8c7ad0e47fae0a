using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Keypoints;

/// <summary>
/// Runs the keypoint detector (<c>xray</c> → <c>heatmaps</c>) on an X-ray of any square size and decodes the ten
/// keypoints into that X-ray's continuous pixel coordinates. Tensors live in pinned buffers bound once with IO
/// binding, so a frame allocates nothing.
/// </summary>
public sealed class KeypointDetector : IDisposable
{
    private readonly KeypointModel _model;
    private readonly float[] _input;
    private readonly float[] _heatmaps;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _inputValue, _outputValue;
    private int _disposed;

    /// <summary>Wraps an opened, contract-checked detector; the detector does not own <paramref name="model"/>.</summary>
    public KeypointDetector(KeypointModel model)
    {
        _model = model;
        InputSize = ResolveInputSize(model);
        HeatmapSize = InputSize / KeypointModel.HeatmapStride;
        _input = GC.AllocateArray<float>(InputSize * InputSize, pinned: true);
        _heatmaps = GC.AllocateArray<float>(KeypointModel.KeypointCount * HeatmapSize * HeatmapSize, pinned: true);
        _inputValue = Tensor(_input, [1, 1, InputSize, InputSize]);
        _outputValue = Tensor(_heatmaps, [1, KeypointModel.KeypointCount, HeatmapSize, HeatmapSize]);
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(KeypointModel.XrayInputName, _inputValue);
        _binding.BindOutput(KeypointModel.HeatmapsOutputName, _outputValue);
    }

    /// <summary>Side of the detector's input.</summary>
    public int InputSize { get; }

    /// <summary>Side of each heatmap (input / 4).</summary>
    public int HeatmapSize { get; }

    /// <summary>The last heatmaps, [10, h, w] (for debugging views).</summary>
    public ReadOnlySpan<float> LastHeatmaps => _heatmaps;

    /// <summary>
    /// Detects the keypoints of a <paramref name="size"/>² X-ray (values in [−1, 1]) and writes them, in that
    /// X-ray's pixel coordinates, to <paramref name="result"/> (10 entries).
    /// </summary>
    public void Detect(ReadOnlySpan<float> xray, int size, Span<DetectedKeypoint> result)
    {
        if (xray.Length < size * size)
        {
            throw new ArgumentException($"the X-ray must hold {size}×{size} values, got {xray.Length}", nameof(xray));
        }
        if (size == InputSize)
        {
            xray[..(size * size)].CopyTo(_input);
        }
        else
        {
            GrayResize.Bilinear(xray, size, size, _input, InputSize, InputSize);
        }
        _model.Session.RunWithBinding(_binding);
        HeatmapDecoder.Decode(_heatmaps, KeypointModel.KeypointCount, HeatmapSize, HeatmapSize, KeypointModel.HeatmapStride, result);
        if (size != InputSize)
        {
            float scale = (float)size / InputSize;
            for (int i = 0; i < KeypointModel.KeypointCount; i++)
            {
                DetectedKeypoint k = result[i];
                result[i] = k with { X = k.X * scale, Y = k.Y * scale };
            }
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
        _outputValue.Dispose();
        _inputValue.Dispose();
    }

    private static int ResolveInputSize(KeypointModel model)
    {
        IReadOnlyList<long> dims = model.XrayInput.Dimensions;
        if (dims.Count == 4 && dims[2] > 0 && dims[2] == dims[3])
        {
            return (int)dims[2];
        }
        if (model.CustomMetadata.TryGetValue("sccdm.input_size", out string? text) && int.TryParse(text, out int size) && size > 0)
        {
            return size;
        }
        throw new ModelContractException(model.Path,
            [$"{model.Path}: input 'xray' has no fixed square size and metadata 'sccdm.input_size' is missing"]);
    }

    private static unsafe OrtValue Tensor(float[] pinned, long[] shape)
        => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.Cpu, (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned)),
            (long)pinned.Length * sizeof(float), shape, TensorElementType.Float);
}
