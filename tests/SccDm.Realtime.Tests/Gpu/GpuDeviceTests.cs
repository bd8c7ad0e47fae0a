using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;
using VkBuffer = SccDm.Realtime.Native.Vulkan.Buffer;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class GpuDeviceTests
{
    [Fact]
    public void CreatesValidatedVulkan13DeviceWithGraphicsComputeQueue()
    {
        var device = ValidatedDevice.Create();
        using (device)
        {
            Assert.True(device.ValidationEnabled);
            Assert.False(string.IsNullOrWhiteSpace(device.DeviceName));
            Assert.True(device.ApiVersion >= Vk.ApiVersion13, device.ApiVersionString);
            Assert.Matches(@"^1\.\d+\.\d+$", device.ApiVersionString);
            Assert.Equal(device.DeviceType == PhysicalDeviceType.Cpu, device.IsSoftware);
            Assert.False(device.Instance.IsNull);
            Assert.False(device.Device.IsNull);
            Assert.False(device.ComputeQueue.IsNull);
            Assert.True(device.TimestampPeriodNanoseconds > 0);
            var hostVisible = device.FindMemoryType(~0u, MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit);
            Assert.True(hostVisible < Vk.MaxMemoryTypes);
        }

        device.Dispose(); // idempotent
        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void LiveObjectCountFollowsCreationAndDestructionAndALeakIsCaughtTwice()
    {
        // Proves that the zero-live-objects assertions can fail: a buffer (VkBuffer + VkDeviceMemory) left alive when
        // the device goes is counted, and the validation layer's object tracker reports it at vkDestroyDevice.
        var device = ValidatedDevice.Create();
        long atStart = device.LiveObjectCount;
        Assert.Equal(3, atStart); // instance, debug messenger, device
        var kept = GpuBuffer.Create<float>(device, 16);
        Assert.Equal(atStart + 2, device.LiveObjectCount);
        using (GpuBuffer.Create<float>(device, 16))
        {
            Assert.Equal(atStart + 4, device.LiveObjectCount);
        }

        Assert.Equal(atStart + 2, device.LiveObjectCount);
        device.Dispose();
        Assert.Equal(2, device.LiveObjectCount);
        Assert.Contains(device.ValidationMessages, m => m.Contains("VkBuffer", StringComparison.Ordinal) && m.Contains("destroy", StringComparison.OrdinalIgnoreCase));
        GC.KeepAlive(kept);
    }

    [Fact]
    public unsafe void MessengerCollectsValidationErrors()
    {
        // Proves that the "no validation messages" assertions elsewhere can fail: a zero-sized buffer is invalid usage.
        using var device = ValidatedDevice.Create();
        var info = new BufferCreateInfo { Size = 0, Usage = BufferUsageFlags.StorageBufferBit, SharingMode = SharingMode.Exclusive };
        VkBuffer buffer = default;
        var result = device.Vk.CreateBuffer(device.Device, &info, null, &buffer);
        if (result == Result.Success && !buffer.IsNull)
        {
            device.Vk.DestroyBuffer(device.Device, buffer, null);
        }

        var messages = device.ValidationMessages;
        Assert.Contains(messages, m => m.Contains("VUID-VkBufferCreateInfo-size-00912", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.StartsWith("[ERROR]", m, StringComparison.Ordinal));
        device.ClearValidationMessages();
        Assert.Empty(device.ValidationMessages);
    }

    [Fact]
    public void PreferredDeviceNameThatMatchesNothingIsAClearError()
    {
        var ex = Assert.Throws<GpuUnavailableException>(() => GpuDevice.Create(new GpuDeviceOptions
        {
            EnableValidation = true,
            PreferredDeviceName = "no-such-device-name",
        }));
        Assert.Contains("no-such-device-name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDeviceExtensionIsAClearError()
    {
        var ex = Assert.Throws<GpuUnavailableException>(() => GpuDevice.Create(new GpuDeviceOptions
        {
            EnableValidation = true,
            RequiredDeviceExtensions = ["VK_SCCDM_not_an_extension"],
        }));
        Assert.Contains("VK_SCCDM_not_an_extension", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumerateAdaptersListsDevicesWithoutError()
    {
        var adapters = GpuDevice.EnumerateAdapters(out var error);
        Assert.Null(error);
        Assert.NotEmpty(adapters);
        Assert.All(adapters, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Name));
            Assert.Matches(@"^1\.\d+\.\d+$", a.ApiVersion);
            Assert.Equal(a.Type == PhysicalDeviceType.Cpu, a.IsSoftware);
        });
    }
}
