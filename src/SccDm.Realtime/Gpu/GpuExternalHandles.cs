namespace SccDm.Realtime.Gpu;

/// <summary>
/// Vulkan objects a host engine already created and hands to <see cref="GpuDevice.FromExternal"/>: the plugin uses
/// them and never destroys them. Raw handle values, as a C host has them (<c>VkInstance</c> etc. are pointers).
/// </summary>
/// <param name="Instance">The host's VkInstance (Vulkan 1.3 API version requested at creation).</param>
/// <param name="PhysicalDevice">One of that instance's physical devices (Vulkan 1.3).</param>
/// <param name="Device">A VkDevice created on it with the Vulkan 1.3 feature <c>maintenance4</c> enabled.</param>
/// <param name="QueueFamilyIndex">A queue family of that device that supports compute (and so transfer).</param>
/// <param name="QueueIndex">Which queue of the family (it must have been requested at device creation).</param>
public readonly record struct GpuExternalHandles(nint Instance, nint PhysicalDevice, nint Device, uint QueueFamilyIndex, uint QueueIndex);
