using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// One ORT tensor of <see cref="VulkanSampler"/>'s IO bindings and the mapped Vulkan buffer it lives in: the
/// tensor's data pointer is <c>Buffer.MappedPointer + ByteOffset</c>, so ORT and the shaders share the memory.
/// </summary>
/// <param name="Binding">"main" (the step's pass) or "guidance" (the SAG pass).</param>
/// <param name="TensorName">The model's input or output name.</param>
/// <param name="Value">The bound tensor.</param>
/// <param name="Buffer">The buffer that holds its data.</param>
/// <param name="ByteOffset">Where in <paramref name="Buffer"/> the tensor starts.</param>
public sealed record ZeroCopyBinding(string Binding, string TensorName, OrtValue Value, GpuBuffer Buffer, long ByteOffset);
