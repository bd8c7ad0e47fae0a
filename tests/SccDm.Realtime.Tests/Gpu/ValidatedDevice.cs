using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.Tests.Gpu;

/// <summary>Every Vulkan test runs with the Khronos validation layer (including synchronization validation) on.</summary>
internal static class ValidatedDevice
{
    public static GpuDevice Create() => GpuDevice.Create(new GpuDeviceOptions
    {
        EnableValidation = true,
        ApplicationName = "SccDm.Realtime.Tests",
    });

    /// <summary>
    /// Fails with every collected message, and when Vulkan objects are still alive. Call after disposing the device:
    /// leaks are reported at vkDestroyDevice, and the live count is zero only once the device and instance are gone.
    /// </summary>
    public static void AssertNoValidationMessages(GpuDevice device)
    {
        var messages = device.ValidationMessages;
        Assert.True(messages.Count == 0, $"{messages.Count} validation message(s):\n{string.Join("\n", messages)}");
        Assert.Equal(0, device.LiveObjectCount);
    }
}
