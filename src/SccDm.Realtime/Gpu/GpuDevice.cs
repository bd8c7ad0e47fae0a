using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Posix;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// A Vulkan instance, the chosen physical device, a logical device (Vulkan 1.3, dynamic rendering,
/// synchronization2 and maintenance4 enabled) and one queue that supports graphics and compute. Owns the optional validation
/// messenger. Dispose the objects created from it (buffers, kernels, renderers, recorders) before the device.
/// <see cref="FromExternal"/> wraps a host engine's instance, device and queue instead: then nothing of those is
/// destroyed on <see cref="Dispose"/> (<see cref="IsExternal"/>).
/// </summary>
public sealed unsafe class GpuDevice : IDisposable
{
    /// <summary>The Khronos validation layer (Debian package vulkan-validationlayers).</summary>
    public const string ValidationLayerName = "VK_LAYER_KHRONOS_validation";

    private readonly ValidationMessageSink? _sink;
    private readonly DebugUtilsMessengerEXT _messenger;
    private readonly PhysicalDeviceMemoryProperties _memoryProperties;
    private GCHandle _sinkHandle;
    private int _disposed;

    private GpuDevice(
        Vk vk,
        Instance instance,
        DebugUtilsMessengerEXT messenger,
        ValidationMessageSink? sink,
        GCHandle sinkHandle,
        PhysicalDevice physicalDevice,
        in PhysicalDeviceProperties properties,
        Device device,
        uint queueFamily,
        IReadOnlyList<string> enabledDeviceExtensions,
        uint queueIndex = 0,
        bool external = false)
    {
        IsExternal = external;
        EnabledDeviceExtensions = enabledDeviceExtensions;
        Vk = vk;
        Instance = instance;
        _messenger = messenger;
        _sink = sink;
        _sinkHandle = sinkHandle;
        PhysicalDevice = physicalDevice;
        Device = device;
        ComputeQueueFamilyIndex = queueFamily;
        DeviceName = VkString.Read(properties.DeviceName);
        DeviceType = properties.DeviceType;
        ApiVersion = properties.ApiVersion;
        TimestampPeriodNanoseconds = properties.Limits.TimestampPeriod;
        MinStorageBufferOffsetAlignment = properties.Limits.MinStorageBufferOffsetAlignment;
        vk.GetPhysicalDeviceMemoryProperties(physicalDevice, out _memoryProperties);
        vk.GetDeviceQueue(device, queueFamily, queueIndex, out var queue);
        ComputeQueue = queue;

        uint familyCount = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(physicalDevice, &familyCount, null);
        var families = stackalloc QueueFamilyProperties[(int)familyCount];
        vk.GetPhysicalDeviceQueueFamilyProperties(physicalDevice, &familyCount, families);
        TimestampValidBits = families[queueFamily].TimestampValidBits;
    }

    /// <summary>The command table (instance and device commands loaded).</summary>
    public Vk Vk { get; }

    /// <summary>The VkInstance.</summary>
    public Instance Instance { get; }

    /// <summary>The chosen VkPhysicalDevice.</summary>
    public PhysicalDevice PhysicalDevice { get; }

    /// <summary>The VkDevice.</summary>
    public Device Device { get; }

    /// <summary>
    /// The queue: 0 of <see cref="ComputeQueueFamilyIndex"/>, which supports compute, graphics and transfer; or the
    /// host's queue (<see cref="FromExternal"/>), which supports compute and transfer. Submit under <see cref="QueueLock"/>.
    /// </summary>
    public Queue ComputeQueue { get; }

    /// <summary>The queue family of <see cref="ComputeQueue"/>.</summary>
    public uint ComputeQueueFamilyIndex { get; }

    /// <summary>Vulkan requires external synchronization of queue access; every submit in this layer takes this lock.</summary>
    public Lock QueueLock { get; } = new();

    /// <summary>The device name, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string DeviceName { get; }

    /// <summary>Discrete, integrated, virtual or CPU.</summary>
    public PhysicalDeviceType DeviceType { get; }

    /// <summary>True for CPU implementations (lavapipe): timings are not representative of a GPU.</summary>
    public bool IsSoftware => DeviceType == PhysicalDeviceType.Cpu;

    /// <summary>The device's packed Vulkan version (see <see cref="ApiVersionString"/>).</summary>
    public uint ApiVersion { get; }

    /// <summary>The device's Vulkan version as "major.minor.patch".</summary>
    public string ApiVersionString => Vk.FormatApiVersion(ApiVersion);

    /// <summary>Nanoseconds per timestamp tick (VkPhysicalDeviceLimits.timestampPeriod).</summary>
    public float TimestampPeriodNanoseconds { get; }

    /// <summary>Valid bits of timestamps on <see cref="ComputeQueue"/>; 0 means timestamps are unsupported.</summary>
    public uint TimestampValidBits { get; }

    /// <summary>VkPhysicalDeviceLimits.minStorageBufferOffsetAlignment.</summary>
    public ulong MinStorageBufferOffsetAlignment { get; }

    /// <summary>The device extensions enabled at creation (<see cref="GpuDeviceOptions.RequiredDeviceExtensions"/>).</summary>
    public IReadOnlyList<string> EnabledDeviceExtensions { get; }

    /// <summary>True when the instance, device and queue belong to a host (<see cref="FromExternal"/>): never destroyed here.</summary>
    public bool IsExternal { get; }

    /// <summary>True when created with <see cref="GpuDeviceOptions.EnableValidation"/>.</summary>
    public bool ValidationEnabled => _sink is not null;

    /// <summary>
    /// Every validation-layer/loader message of severity warning or error received so far (a snapshot; thread-safe).
    /// Still readable after <see cref="Dispose"/>, which is when leaks are reported.
    /// </summary>
    public IReadOnlyList<string> ValidationMessages => _sink?.Snapshot() ?? [];

    /// <summary>
    /// Vulkan objects created through this device's command table (the instance and the device included) that
    /// are not destroyed yet; see <see cref="Vk.LiveObjectCount"/>. Zero after <see cref="Dispose"/> when nothing
    /// leaked.
    /// </summary>
    public long LiveObjectCount => Vk.LiveObjectCount;

    /// <summary>Forgets the messages collected so far.</summary>
    public void ClearValidationMessages() => _sink?.Clear();

    /// <summary>
    /// Creates the instance and device. Throws <see cref="GpuUnavailableException"/> when Vulkan, a device, the
    /// validation layer or a required extension is missing (the message names the Debian package to install).
    /// </summary>
    public static GpuDevice Create(GpuDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vk = LoadApi();
        ValidationMessageSink? sink = null;
        GCHandle sinkHandle = default;
        Instance instance = default;
        DebugUtilsMessengerEXT messenger = default;
        Device device = default;
        try
        {
            if (options.EnableValidation)
            {
                sink = new ValidationMessageSink();
                sinkHandle = GCHandle.Alloc(sink);
            }

            instance = CreateInstance(vk, options, sinkHandle);
            vk.LoadInstance(instance);
            if (sink is not null)
            {
                var info = ValidationMessageSink.CreateInfo(sinkHandle);
                vk.CreateDebugUtilsMessengerEXT(instance, in info, null, out messenger).Check("vkCreateDebugUtilsMessengerEXT");
            }

            var (physical, queueFamily) = SelectPhysicalDevice(vk, instance, options);
            device = CreateDevice(vk, physical, queueFamily, options.RequiredDeviceExtensions);
            vk.LoadDevice(device);
            vk.GetPhysicalDeviceProperties(physical, out var properties);
            return new GpuDevice(vk, instance, messenger, sink, sinkHandle, physical, properties, device, queueFamily,
                options.RequiredDeviceExtensions.Distinct(StringComparer.Ordinal).ToArray());
        }
        catch
        {
            if (!device.IsNull)
            {
                vk.DestroyDevice(device, null);
            }

            if (!messenger.IsNull)
            {
                vk.DestroyDebugUtilsMessengerEXT(instance, messenger, null);
            }

            if (!instance.IsNull)
            {
                vk.DestroyInstance(instance, null);
            }

            if (sinkHandle.IsAllocated)
            {
                sinkHandle.Free();
            }

            throw;
        }
    }

    /// <summary>
    /// Wraps a host engine's instance, physical device, device and queue ("external" mode): the plugin loads its
    /// commands through them, submits to that queue under <see cref="QueueLock"/>, and destroys none of them.
    /// Checks what can be checked without risking the process: no null handle; each dispatchable handle points at
    /// readable memory that starts with a readable dispatch pointer; the physical device is one of the instance's;
    /// Vulkan 1.3; the queue family exists and supports compute; the queue index was within the family's count.
    /// A handle that still points at readable memory but is not what it claims (destroyed, or another kind of
    /// object) cannot be detected: the Vulkan loader may abort on it.
    /// </summary>
    /// <exception cref="ArgumentException">A handle is null, unreadable or does not belong with the others, or the
    /// queue is unusable; the message names which and what to pass instead.</exception>
    /// <exception cref="GpuUnavailableException">The Vulkan loader is missing, or the device is older than 1.3.</exception>
    public static GpuDevice FromExternal(GpuExternalHandles handles)
    {
        CheckDispatchable(handles.Instance, "instance", "VkInstance");
        CheckDispatchable(handles.PhysicalDevice, "physical device", "VkPhysicalDevice");
        CheckDispatchable(handles.Device, "device", "VkDevice");
        var vk = LoadApi();
        var instance = new Instance(handles.Instance);
        vk.LoadInstance(instance);
        var physical = new PhysicalDevice(handles.PhysicalDevice);
        if (!EnumeratePhysicalDevices(vk, instance).Contains(physical))
        {
            throw new ArgumentException(
                $"the physical device 0x{handles.PhysicalDevice:X} is not one of instance 0x{handles.Instance:X}'s: pass a VkPhysicalDevice from vkEnumeratePhysicalDevices on the same instance",
                nameof(handles));
        }

        vk.GetPhysicalDeviceProperties(physical, out var properties);
        if (properties.ApiVersion < Vk.ApiVersion13)
        {
            throw new GpuUnavailableException(
                $"{VkString.Read(properties.DeviceName)} supports Vulkan {Vk.FormatApiVersion(properties.ApiVersion)}; the renderer needs 1.3");
        }

        uint familyCount = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(physical, &familyCount, null);
        var families = new QueueFamilyProperties[familyCount];
        fixed (QueueFamilyProperties* p = families)
        {
            vk.GetPhysicalDeviceQueueFamilyProperties(physical, &familyCount, p);
        }

        CheckQueue(families, handles.QueueFamilyIndex, handles.QueueIndex, VkString.Read(properties.DeviceName));
        var device = new Device(handles.Device);
        vk.LoadDevice(device);
        return new GpuDevice(vk, instance, default, null, default, physical, properties, device, handles.QueueFamilyIndex, [],
            handles.QueueIndex, external: true);
    }

    /// <summary>
    /// The queue checks of <see cref="FromExternal"/> on the device's queue family properties: the family exists,
    /// supports compute, and has the queue. Separate so that a family without compute, which no test machine has,
    /// can be checked on made-up properties.
    /// </summary>
    /// <exception cref="ArgumentException">Naming the bad index and what to pass instead.</exception>
    internal static void CheckQueue(ReadOnlySpan<QueueFamilyProperties> families, uint familyIndex, uint queueIndex, string deviceName)
    {
        if (familyIndex >= families.Length)
        {
            throw new ArgumentException($"queue family {familyIndex} does not exist: {deviceName} has {families.Length}", "handles");
        }

        var family = families[(int)familyIndex];
        if ((family.QueueFlags & QueueFlags.ComputeBit) == 0)
        {
            throw new ArgumentException(
                $"queue family {familyIndex} has no compute support ({family.QueueFlags}): pass a family with VK_QUEUE_COMPUTE_BIT", "handles");
        }

        if (queueIndex >= family.QueueCount)
        {
            throw new ArgumentException($"queue index {queueIndex} is out of range: family {familyIndex} has {family.QueueCount} queue(s)", "handles");
        }
    }

    /// <summary>Lists the Vulkan devices for diagnostics. Never throws.</summary>
    public static IReadOnlyList<GpuAdapterInfo> EnumerateAdapters() => EnumerateAdapters(out _);

    /// <summary>Lists the Vulkan devices for diagnostics. Never throws: on failure returns what it has and sets <paramref name="error"/>.</summary>
    public static IReadOnlyList<GpuAdapterInfo> EnumerateAdapters(out string? error)
    {
        var adapters = new List<GpuAdapterInfo>();
        error = null;
        Vk vk;
        Instance instance = default;
        try
        {
            vk = LoadApi();
            instance = CreateInstance(vk, new GpuDeviceOptions { ApplicationName = "sccdm doctor" }, default);
            vk.LoadInstance(instance);
        }
        catch (Exception e) when (e is GpuUnavailableException or VulkanException)
        {
            error = e.Message;
            return adapters;
        }

        try
        {
            foreach (var physical in EnumeratePhysicalDevices(vk, instance))
            {
                vk.GetPhysicalDeviceProperties(physical, out var p);
                var driver = new PhysicalDeviceDriverProperties();
                if (p.ApiVersion >= Vk.ApiVersion12)
                {
                    var p2 = new PhysicalDeviceProperties2 { PNext = &driver };
                    vk.GetPhysicalDeviceProperties2(physical, &p2);
                }

                adapters.Add(new GpuAdapterInfo(
                    VkString.Read(p.DeviceName),
                    p.DeviceType,
                    p.DeviceType == PhysicalDeviceType.Cpu,
                    Vk.FormatApiVersion(p.ApiVersion),
                    VkString.Read(driver.DriverName),
                    VkString.Read(driver.DriverInfo),
                    p.DriverVersion));
            }

            if (adapters.Count == 0)
            {
                error = NoDeviceMessage;
            }
        }
        catch (Exception e) when (e is GpuUnavailableException or VulkanException)
        {
            error = e.Message;
        }
        finally
        {
            vk.DestroyInstance(instance, null);
        }

        return adapters;
    }

    /// <summary>
    /// Records a layout transition of the whole colour image <paramref name="image"/> (one mip level, one layer) into
    /// <paramref name="cmd"/>, with the given stages and access masks, ignoring queue-family ownership.
    /// </summary>
    public void CmdImageBarrier(CommandBuffer cmd, Image image, ImageLayout oldLayout, ImageLayout newLayout, PipelineStageFlags srcStage, AccessFlags srcAccess, PipelineStageFlags dstStage, AccessFlags dstAccess)
    {
        var barrier = new ImageMemoryBarrier
        {
            SrcAccessMask = srcAccess,
            DstAccessMask = dstAccess,
            OldLayout = oldLayout,
            NewLayout = newLayout,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = Swapchain.ColorRange,
        };
        Vk.CmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, null, 0, null, 1, &barrier);
    }

    /// <summary>
    /// Creates an image from <paramref name="info"/> and binds it to device-local memory of its own. Each step pushes its
    /// undo onto <paramref name="undo"/>, so a caller that fails later unwinds them in reverse.
    /// </summary>
    public (Image Image, DeviceMemory Memory) CreateBoundImage(in ImageCreateInfo info, Stack<Action> undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        var vk = Vk;
        var device = Device;
        vk.CreateImage(device, in info, null, out var image).Check("vkCreateImage");
        undo.Push(() => vk.DestroyImage(device, image, null));
        vk.GetImageMemoryRequirements(device, image, out var requirements);
        var alloc = new MemoryAllocateInfo
        {
            AllocationSize = requirements.Size,
            MemoryTypeIndex = FindMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.None, MemoryPropertyFlags.DeviceLocalBit),
        };
        vk.AllocateMemory(device, in alloc, null, out var memory).Check("vkAllocateMemory");
        undo.Push(() => vk.FreeMemory(device, memory, null));
        vk.BindImageMemory(device, image, memory, 0).Check("vkBindImageMemory");
        return (image, memory);
    }

    /// <summary>
    /// Index of a memory type allowed by <paramref name="typeBits"/> (VkMemoryRequirements.memoryTypeBits) that has
    /// all of <paramref name="required"/>; among those, the first that also has <paramref name="preferred"/>.
    /// </summary>
    /// <exception cref="GpuUnavailableException">No memory type qualifies.</exception>
    public uint FindMemoryType(uint typeBits, MemoryPropertyFlags required, MemoryPropertyFlags preferred = MemoryPropertyFlags.None)
    {
        int? fallback = null;
        for (var i = 0; i < (int)_memoryProperties.MemoryTypeCount; i++)
        {
            var flags = _memoryProperties.MemoryTypes[i].PropertyFlags;
            if ((typeBits & (1u << i)) == 0 || (flags & required) != required)
            {
                continue;
            }

            if ((flags & preferred) == preferred)
            {
                return (uint)i;
            }

            fallback ??= i;
        }

        return fallback is { } index
            ? (uint)index
            : throw new GpuUnavailableException($"{DeviceName}: no memory type with {required} among type bits 0x{typeBits:X}");
    }

    /// <summary>
    /// Waits for the device to go idle, then destroys the device, the messenger and the instance (in that order).
    /// An external device (<see cref="IsExternal"/>) is left alone: the host owns it, and may be using it.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || IsExternal)
        {
            return;
        }

        Result idle;
        lock (QueueLock)
        {
            idle = Vk.DeviceWaitIdle(Device);
        }

        Vk.DestroyDevice(Device, null);
        if (!_messenger.IsNull)
        {
            Vk.DestroyDebugUtilsMessengerEXT(Instance, _messenger, null);
        }

        Vk.DestroyInstance(Instance, null);
        if (_sinkHandle.IsAllocated)
        {
            _sinkHandle.Free();
        }

        // Checked after cleanup so that a lost device still releases everything.
        idle.Check("vkDeviceWaitIdle");
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private const string NoDeviceMessage =
        "no Vulkan device found: install a driver (Debian: apt-get install mesa-vulkan-drivers for the lavapipe CPU device, or the GPU vendor's driver)";

    // A dispatchable handle is a pointer to an object whose first word points to a dispatch table.
    private static void CheckDispatchable(nint handle, string what, string type)
    {
        if (handle == 0)
        {
            throw new ArgumentException($"the {what} handle is VK_NULL_HANDLE: pass the host's {type}", nameof(handle));
        }

        if (!MemoryProbe.TryReadPointer(handle, out nint dispatch) || !MemoryProbe.IsReadable(dispatch, sizeof(nint)))
        {
            throw new ArgumentException(
                $"the {what} handle 0x{handle:X} does not point at a live Vulkan object: pass the host's {type} (not destroyed, from this process)",
                nameof(handle));
        }
    }

    private static Vk LoadApi()
    {
        try
        {
            return Vk.GetApi();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new GpuUnavailableException(
                $"Vulkan loader {Vk.LibraryName} not found: install it (Debian: apt-get install libvulkan1 mesa-vulkan-drivers)", e);
        }
    }

    private static Instance CreateInstance(Vk vk, GpuDeviceOptions options, GCHandle sinkHandle)
    {
        var validation = sinkHandle.IsAllocated;
        var layers = new List<string>();
        var extensions = new List<string>(options.RequiredInstanceExtensions);
        if (validation)
        {
            if (!EnumerateLayerNames(vk).Contains(ValidationLayerName))
            {
                throw new GpuUnavailableException(
                    $"Vulkan validation was requested but {ValidationLayerName} is not installed: install vulkan-validationlayers (Debian: apt-get install vulkan-validationlayers)");
            }

            layers.Add(ValidationLayerName);
            extensions.Add(Vk.ExtDebugUtilsExtensionName);
            if (options.EnableSynchronizationValidation)
            {
                extensions.Add(Vk.ExtValidationFeaturesExtensionName);
            }
        }

        var available = EnumerateInstanceExtensionNames(vk, null);
        if (validation)
        {
            available.UnionWith(EnumerateInstanceExtensionNames(vk, ValidationLayerName));
        }

        var missing = extensions.Where(e => !available.Contains(e)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new GpuUnavailableException($"Vulkan instance extension(s) not available: {string.Join(", ", missing)}");
        }

        uint loaderVersion = Vk.ApiVersion10;
        vk.EnumerateInstanceVersion(&loaderVersion).Check("vkEnumerateInstanceVersion");
        if (loaderVersion < Vk.ApiVersion13)
        {
            throw new GpuUnavailableException(
                $"Vulkan loader {Vk.FormatApiVersion(loaderVersion)} is older than 1.3: install a newer libvulkan1");
        }

        using var layerNames = new Utf8StringArray(layers);
        using var extensionNames = new Utf8StringArray(extensions.Distinct(StringComparer.Ordinal).ToList());
        var appName = Marshal.StringToCoTaskMemUTF8(options.ApplicationName);
        var engineName = Marshal.StringToCoTaskMemUTF8("SccDm.Realtime");
        try
        {
            var app = new ApplicationInfo
            {
                PApplicationName = (byte*)appName,
                PEngineName = (byte*)engineName,
                ApiVersion = Vk.ApiVersion13,
            };
            var info = new InstanceCreateInfo
            {
                PApplicationInfo = &app,
                EnabledLayerCount = layerNames.Count,
                PpEnabledLayerNames = layerNames.Pointer,
                EnabledExtensionCount = extensionNames.Count,
                PpEnabledExtensionNames = extensionNames.Pointer,
            };

            // Chained messenger: catches messages from vkCreateInstance/vkDestroyInstance themselves.
            var messengerInfo = validation ? ValidationMessageSink.CreateInfo(sinkHandle) : default;
            var enabledFeatures = stackalloc ValidationFeatureEnableEXT[1] { ValidationFeatureEnableEXT.SynchronizationValidationExt };
            var features = new ValidationFeaturesEXT
            {
                EnabledValidationFeatureCount = 1,
                PEnabledValidationFeatures = enabledFeatures,
            };
            if (validation)
            {
                info.PNext = &messengerInfo;
                if (options.EnableSynchronizationValidation)
                {
                    messengerInfo.PNext = &features;
                }
            }

            Instance instance;
            var result = vk.CreateInstance(&info, null, &instance);
            if (result == Result.ErrorIncompatibleDriver)
            {
                throw new GpuUnavailableException(NoDeviceMessage);
            }

            result.Check("vkCreateInstance");
            return instance;
        }
        finally
        {
            Marshal.FreeCoTaskMem(appName);
            Marshal.FreeCoTaskMem(engineName);
        }
    }

    private static HashSet<string> EnumerateLayerNames(Vk vk)
    {
        uint count = 0;
        vk.EnumerateInstanceLayerProperties(&count, null).Check("vkEnumerateInstanceLayerProperties");
        var layers = new LayerProperties[count];
        fixed (LayerProperties* p = layers)
        {
            vk.EnumerateInstanceLayerProperties(&count, p).Check("vkEnumerateInstanceLayerProperties");
        }

        return layers.Take((int)count).Select(l => VkString.Read(l.LayerName)).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> EnumerateInstanceExtensionNames(Vk vk, string? layer)
    {
        var layerName = layer is null ? 0 : Marshal.StringToCoTaskMemUTF8(layer);
        try
        {
            uint count = 0;
            vk.EnumerateInstanceExtensionProperties((byte*)layerName, &count, null).Check("vkEnumerateInstanceExtensionProperties");
            var extensions = new ExtensionProperties[count];
            fixed (ExtensionProperties* p = extensions)
            {
                vk.EnumerateInstanceExtensionProperties((byte*)layerName, &count, p).Check("vkEnumerateInstanceExtensionProperties");
            }

            return extensions.Take((int)count).Select(e => VkString.Read(e.ExtensionName)).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            Marshal.FreeCoTaskMem(layerName);
        }
    }

    private static HashSet<string> EnumerateDeviceExtensionNames(Vk vk, PhysicalDevice physical)
    {
        uint count = 0;
        vk.EnumerateDeviceExtensionProperties(physical, null, &count, null).Check("vkEnumerateDeviceExtensionProperties");
        var extensions = new ExtensionProperties[count];
        fixed (ExtensionProperties* p = extensions)
        {
            vk.EnumerateDeviceExtensionProperties(physical, null, &count, p).Check("vkEnumerateDeviceExtensionProperties");
        }

        return extensions.Take((int)count).Select(e => VkString.Read(e.ExtensionName)).ToHashSet(StringComparer.Ordinal);
    }

    private static List<PhysicalDevice> EnumeratePhysicalDevices(Vk vk, Instance instance)
    {
        uint count = 0;
        var result = vk.EnumeratePhysicalDevices(instance, &count, null);
        if (result == Result.ErrorInitializationFailed)
        {
            // The loader reports "no ICD" this way.
            throw new GpuUnavailableException(NoDeviceMessage);
        }

        result.Check("vkEnumeratePhysicalDevices");
        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = devices)
        {
            vk.EnumeratePhysicalDevices(instance, &count, p).Check("vkEnumeratePhysicalDevices");
        }

        return devices.Take((int)count).ToList();
    }

    private static (PhysicalDevice Device, uint QueueFamily) SelectPhysicalDevice(Vk vk, Instance instance, GpuDeviceOptions options)
    {
        var devices = EnumeratePhysicalDevices(vk, instance);
        if (devices.Count == 0)
        {
            throw new GpuUnavailableException(NoDeviceMessage);
        }

        var rejected = new List<string>();
        (PhysicalDevice Device, uint Family, int Score)? best = null;
        foreach (var physical in devices)
        {
            vk.GetPhysicalDeviceProperties(physical, out var p);
            var name = VkString.Read(p.DeviceName);
            if (options.PreferredDeviceName is { } wanted && !name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            {
                rejected.Add($"{name}: name does not contain '{wanted}'");
                continue;
            }

            if (p.ApiVersion < Vk.ApiVersion13)
            {
                rejected.Add($"{name}: Vulkan {Vk.FormatApiVersion(p.ApiVersion)} < 1.3");
                continue;
            }

            var extensions = EnumerateDeviceExtensionNames(vk, physical);
            var missing = options.RequiredDeviceExtensions.Where(e => !extensions.Contains(e)).ToList();
            if (missing.Count > 0)
            {
                rejected.Add($"{name}: lacks {string.Join(", ", missing)}");
                continue;
            }

            if (FindGraphicsComputeFamily(vk, physical) is not { } family)
            {
                rejected.Add($"{name}: no queue family with graphics and compute");
                continue;
            }

            var score = p.DeviceType switch
            {
                PhysicalDeviceType.DiscreteGpu => 4,
                PhysicalDeviceType.IntegratedGpu => 3,
                PhysicalDeviceType.VirtualGpu => 2,
                PhysicalDeviceType.Cpu => 1,
                _ => 0,
            };
            if (best is null || score > best.Value.Score)
            {
                best = (physical, family, score);
            }
        }

        return best is { } chosen
            ? (chosen.Device, chosen.Family)
            : throw new GpuUnavailableException($"no suitable Vulkan device: {string.Join("; ", rejected)}");
    }

    private static uint? FindGraphicsComputeFamily(Vk vk, PhysicalDevice physical)
    {
        uint count = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(physical, &count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* p = families)
        {
            vk.GetPhysicalDeviceQueueFamilyProperties(physical, &count, p);
        }

        const QueueFlags needed = QueueFlags.GraphicsBit | QueueFlags.ComputeBit;
        for (var i = 0u; i < count; i++)
        {
            if ((families[i].QueueFlags & needed) == needed && families[i].QueueCount > 0)
            {
                return i;
            }
        }

        return null;
    }

    private static Device CreateDevice(Vk vk, PhysicalDevice physical, uint queueFamily, IReadOnlyList<string> extensions)
    {
        var priority = 1.0f;
        var queueInfo = new DeviceQueueCreateInfo
        {
            QueueFamilyIndex = queueFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };

        // All three are mandatory in Vulkan 1.3, so enabling them cannot fail on a device that passed selection.
        // maintenance4 is needed because glslc targeting Vulkan 1.3 (SPIR-V 1.6) declares workgroup sizes with LocalSizeId.
        var features13 = new PhysicalDeviceVulkan13Features
        {
            DynamicRendering = true,
            Synchronization2 = true,
            Maintenance4 = true,
        };
        using var extensionNames = new Utf8StringArray(extensions.Distinct(StringComparer.Ordinal).ToList());
        var info = new DeviceCreateInfo
        {
            PNext = &features13,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queueInfo,
            EnabledExtensionCount = extensionNames.Count,
            PpEnabledExtensionNames = extensionNames.Pointer,
        };
        vk.CreateDevice(physical, in info, null, out var device).Check("vkCreateDevice");
        return device;
    }
}
