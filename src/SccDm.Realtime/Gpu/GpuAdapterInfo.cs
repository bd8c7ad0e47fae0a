using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>One Vulkan physical device, as reported by <see cref="GpuDevice.EnumerateAdapters()"/> (for <c>sccdm doctor</c>).</summary>
/// <param name="Name">VkPhysicalDeviceProperties.deviceName, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</param>
/// <param name="Type">Discrete, integrated, virtual or CPU.</param>
/// <param name="IsSoftware">True for a CPU implementation such as lavapipe.</param>
/// <param name="ApiVersion">Supported Vulkan version, "major.minor.patch".</param>
/// <param name="DriverName">VkPhysicalDeviceDriverProperties.driverName (Vulkan 1.2+), or empty.</param>
/// <param name="DriverInfo">VkPhysicalDeviceDriverProperties.driverInfo, e.g. "Mesa 22.3.6 (LLVM 15.0.6)", or empty.</param>
/// <param name="DriverVersion">The raw, vendor-encoded driverVersion.</param>
public sealed record GpuAdapterInfo(
    string Name,
    PhysicalDeviceType Type,
    bool IsSoftware,
    string ApiVersion,
    string DriverName,
    string DriverInfo,
    uint DriverVersion);
