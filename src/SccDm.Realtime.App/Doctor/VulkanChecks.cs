using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.App.Doctor;

/// <summary>Doctor rows for the Vulkan devices.</summary>
internal static class VulkanChecks
{
    /// <summary>One row per device, or one row saying what to install.</summary>
    public static IEnumerable<DoctorCheck> Run()
    {
        IReadOnlyList<GpuAdapterInfo> adapters = GpuDevice.EnumerateAdapters(out string? error);
        if (adapters.Count == 0)
        {
            yield return new DoctorCheck("Vulkan", CheckStatus.Missing, error ?? "no Vulkan device found",
                "apt-get install libvulkan1 mesa-vulkan-drivers (run .ci/setup)");
            yield break;
        }
        foreach (GpuAdapterInfo a in adapters)
        {
            string kind = a.IsSoftware ? "software (CPU)" : "hardware";
            string driver = string.IsNullOrEmpty(a.DriverInfo) ? a.DriverName : $"{a.DriverName} {a.DriverInfo}";
            yield return new DoctorCheck("Vulkan device", CheckStatus.Ok, $"{a.Name}: {a.Type}, {kind}, Vulkan {a.ApiVersion}, {driver}".TrimEnd());
        }
        bool layer = File.Exists("/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json");
        yield return layer
            ? new DoctorCheck("Vulkan validation", CheckStatus.Ok, "VK_LAYER_KHRONOS_validation installed (used by the tests)")
            : new DoctorCheck("Vulkan validation", CheckStatus.Warn, "VK_LAYER_KHRONOS_validation not found: only the tests need it", "apt-get install vulkan-validationlayers");
    }
}
