namespace SccDm.Realtime.Models;

/// <summary>Which execution provider the user asked for (configuration / command line).</summary>
public enum ExecutionProviderRequest
{
    /// <summary>CUDA when the loaded ONNX Runtime has it and it loads; otherwise CPU.</summary>
    Auto = 0,
    /// <summary>CPU only.</summary>
    Cpu = 1,
    /// <summary>CUDA; falls back to CPU with the reason when CUDA cannot be used.</summary>
    Cuda = 2,
}
