namespace SccDm.Realtime.Models;

/// <summary>The execution provider a session actually runs on.</summary>
public enum ExecutionProviderKind
{
    /// <summary>ORT's CPU execution provider.</summary>
    Cpu = 0,
    /// <summary>ORT's CUDA execution provider.</summary>
    Cuda = 1,
}
