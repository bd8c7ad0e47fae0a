namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// The ONNX Runtime library could not be found or loaded. The message says where it looked and what to do.
/// </summary>
public sealed class OrtUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
