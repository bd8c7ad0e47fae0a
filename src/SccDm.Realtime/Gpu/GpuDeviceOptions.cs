namespace SccDm.Realtime.Gpu;

/// <summary>Options for <see cref="GpuDevice.Create"/>.</summary>
public sealed record GpuDeviceOptions
{
    /// <summary>
    /// Enables VK_LAYER_KHRONOS_validation (with synchronization validation) and a VK_EXT_debug_utils messenger that
    /// collects every warning and error into <see cref="GpuDevice.ValidationMessages"/>.
    /// </summary>
    public bool EnableValidation { get; init; }

    /// <summary>
    /// Also turn on the validation layer's synchronization checks (missing or wrong barriers). Only used with
    /// <see cref="EnableValidation"/>; on by default because barrier bugs are otherwise invisible on lavapipe.
    /// </summary>
    public bool EnableSynchronizationValidation { get; init; } = true;

    /// <summary>VkApplicationInfo.pApplicationName.</summary>
    public string ApplicationName { get; init; } = "SccDm.Realtime";

    /// <summary>Instance extensions the caller needs, e.g. those glfwGetRequiredInstanceExtensions returns.</summary>
    public IReadOnlyList<string> RequiredInstanceExtensions { get; init; } = [];

    /// <summary>Device extensions the caller needs, e.g. VK_KHR_swapchain or VK_KHR_external_memory_fd.</summary>
    public IReadOnlyList<string> RequiredDeviceExtensions { get; init; } = [];

    /// <summary>
    /// Case-insensitive substring of the device name to pick (e.g. "llvmpipe", "RTX"). Null picks the best device:
    /// discrete, then integrated, then virtual, then CPU.
    /// </summary>
    public string? PreferredDeviceName { get; init; }
}
