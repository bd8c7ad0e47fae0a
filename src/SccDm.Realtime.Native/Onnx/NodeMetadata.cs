using System.Text;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>The declared type and shape of one model input or output.</summary>
public sealed class NodeMetadata
{
    /// <summary>Creates the description; dimensions of -1 are dynamic, named by <paramref name="symbolicDimensions"/> when the model names them.</summary>
    public NodeMetadata(string name, OnnxValueType onnxValueType, TensorElementType elementType, long[] dimensions, string[] symbolicDimensions)
    {
        Name = name;
        OnnxValueType = onnxValueType;
        ElementType = elementType;
        Dimensions = dimensions;
        SymbolicDimensions = symbolicDimensions;
    }

    /// <summary>The input or output name.</summary>
    public string Name { get; }

    /// <summary>Tensor, sequence, map…; the SCCDM contract only uses tensors.</summary>
    public OnnxValueType OnnxValueType { get; }

    /// <summary>True when this is a tensor.</summary>
    public bool IsTensor => OnnxValueType == OnnxValueType.Tensor;

    /// <summary>The element type (tensors only; <see cref="TensorElementType.Undefined"/> otherwise).</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The declared dimensions; -1 marks a dynamic one.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>Per dimension, the symbolic name ("N") of a dynamic dimension, or "" when it has none.</summary>
    public IReadOnlyList<string> SymbolicDimensions { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dimensions.Count;

    /// <summary>The shape as a message shows it: fixed sizes as numbers, dynamic ones by name or "?", e.g. "[N,1,32,32]".</summary>
    public string ShapeText
    {
        get
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < Dimensions.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                if (Dimensions[i] >= 0)
                {
                    text.Append(Dimensions[i]);
                }
                else
                {
                    string symbol = i < SymbolicDimensions.Count ? SymbolicDimensions[i] : "";
                    text.Append(symbol.Length > 0 ? symbol : "?");
                }
            }
            return text.Append(']').ToString();
        }
    }

    /// <summary>Type and shape, e.g. "float32 [N,1,32,32]".</summary>
    public override string ToString() =>
        IsTensor ? $"{TensorElementTypes.Name(ElementType)} {ShapeText}" : OnnxValueType.ToString().ToLowerInvariant();
}
