using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Vulkan;

/// <summary>
/// The Vulkan command table. Generated partial files hold one unmanaged function pointer per listed command
/// and a method per command (<c>vkCmdDispatch</c> → <see cref="CmdDispatch(CommandBuffer, uint, uint, uint)"/>);
/// this part loads <c>libvulkan.so.1</c> and fills the table in three steps:
/// <see cref="GetApi"/> (global commands), <see cref="LoadInstance"/> and <see cref="LoadDevice"/>.
/// A command whose pointer is not loaded throws <see cref="InvalidOperationException"/> instead of crashing.
/// One <see cref="Vk"/> serves one instance and (optionally) one device.
/// </summary>
public sealed unsafe partial class Vk
{
    /// <summary>The loader's soname on Linux (Debian package libvulkan1).</summary>
    public const string LibraryName = "libvulkan.so.1";

    /// <summary>VK_API_VERSION_1_0.</summary>
    public static readonly uint ApiVersion10 = MakeApiVersion(0, 1, 0, 0);

    /// <summary>VK_API_VERSION_1_1.</summary>
    public static readonly uint ApiVersion11 = MakeApiVersion(0, 1, 1, 0);

    /// <summary>VK_API_VERSION_1_2.</summary>
    public static readonly uint ApiVersion12 = MakeApiVersion(0, 1, 2, 0);

    /// <summary>VK_API_VERSION_1_3.</summary>
    public static readonly uint ApiVersion13 = MakeApiVersion(0, 1, 3, 0);

    private static readonly Lock LibraryLock = new();
    private static nint s_library;

    private Vk(nint getInstanceProcAddr)
    {
        _vkGetInstanceProcAddr = (delegate* unmanaged<Instance, byte*, nint>)getInstanceProcAddr;
        LoadGlobalCommands();
    }

    private long _liveObjects;

    /// <summary>
    /// Objects created through this table and not destroyed yet: each successful <c>vkCreate*</c> (instance,
    /// device, buffers, images, views, samplers, pipelines, layouts, pools, semaphores, fences, swapchains…) and
    /// <c>vkAllocateMemory</c> adds what it made, each <c>vkDestroy*</c> / <c>vkFreeMemory</c> of a non-null handle
    /// subtracts one. Zero after a clean shutdown; command buffers and descriptor sets belong to their pools and are
    /// not counted. Thread-safe.
    /// </summary>
    public long LiveObjectCount => Interlocked.Read(ref _liveObjects);

    /// <summary>
    /// Counts an object created outside this table that will be destroyed through it (a surface from
    /// <c>glfwCreateWindowSurface</c>, destroyed with <see cref="DestroySurfaceKHR(Instance, SurfaceKHR, AllocationCallbacks*)"/>).
    /// </summary>
    public void TrackExternalObject() => Interlocked.Increment(ref _liveObjects);

    /// <summary>The instance whose commands are loaded, or null before <see cref="LoadInstance"/>.</summary>
    public Instance CurrentInstance { get; private set; }

    /// <summary>The device whose commands are loaded, or null before <see cref="LoadDevice"/>.</summary>
    public Device CurrentDevice { get; private set; }

    /// <summary>
    /// Loads the Vulkan loader (once per process; it is never unloaded because drivers keep state in it)
    /// and returns a table with the global commands (vkCreateInstance, vkEnumerateInstance*) loaded.
    /// </summary>
    /// <exception cref="DllNotFoundException">libvulkan.so.1 cannot be loaded.</exception>
    public static Vk GetApi()
    {
        nint library;
        lock (LibraryLock)
        {
            if (s_library == 0)
            {
                if (!NativeLibrary.TryLoad(LibraryName, out var handle))
                {
                    throw new DllNotFoundException($"{LibraryName} could not be loaded (Debian: apt-get install libvulkan1)");
                }

                s_library = handle;
            }

            library = s_library;
        }

        if (!NativeLibrary.TryGetExport(library, "vkGetInstanceProcAddr", out var gipa))
        {
            throw new EntryPointNotFoundException($"{LibraryName} does not export vkGetInstanceProcAddr");
        }

        return new Vk(gipa);
    }

    /// <summary>Loads every instance- and device-level command through vkGetInstanceProcAddr(instance, ...).</summary>
    public void LoadInstance(Instance instance)
    {
        if (instance.IsNull)
        {
            throw new ArgumentException("instance is VK_NULL_HANDLE", nameof(instance));
        }

        CurrentInstance = instance;
        LoadInstanceCommands(instance);
    }

    /// <summary>
    /// Replaces device-level commands with the device's own entry points (vkGetDeviceProcAddr), skipping the
    /// loader trampoline. Commands of extensions the device was not created with become unloaded (null).
    /// </summary>
    public void LoadDevice(Device device)
    {
        if (device.IsNull)
        {
            throw new ArgumentException("device is VK_NULL_HANDLE", nameof(device));
        }

        CurrentDevice = device;
        LoadDeviceCommands(device);
    }

    /// <summary>VK_MAKE_API_VERSION(variant, major, minor, patch).</summary>
    public static uint MakeApiVersion(uint variant, uint major, uint minor, uint patch) =>
        (variant << 29) | (major << 22) | (minor << 12) | patch;

    /// <summary>Formats a packed API version as "major.minor.patch".</summary>
    public static string FormatApiVersion(uint version) =>
        $"{(version >> 22) & 0x7F}.{(version >> 12) & 0x3FF}.{version & 0xFFF}";

    private nint GetGlobalProcAddress(ReadOnlySpan<byte> nameZ)
    {
        fixed (byte* name = nameZ)
        {
            return _vkGetInstanceProcAddr(default, name);
        }
    }

    private nint GetInstanceProcAddress(Instance instance, ReadOnlySpan<byte> nameZ)
    {
        fixed (byte* name = nameZ)
        {
            return _vkGetInstanceProcAddr(instance, name);
        }
    }

    private nint GetDeviceProcAddress(Device device, ReadOnlySpan<byte> nameZ)
    {
        if (_vkGetDeviceProcAddr == null)
        {
            ThrowNotLoaded("vkGetDeviceProcAddr");
        }

        fixed (byte* name = nameZ)
        {
            return _vkGetDeviceProcAddr(device, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotLoaded(string command) =>
        throw new InvalidOperationException(
            $"{command} is not loaded: call Vk.LoadInstance/LoadDevice first, and enable the extension or API version that provides it");
}
