using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// Receives VK_EXT_debug_utils callbacks (any thread) and keeps every warning and error. The callback is a static
/// unmanaged entry point; the sink is reached through a GCHandle passed as pUserData.
/// </summary>
internal sealed unsafe class ValidationMessageSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _messages = [];

    public const DebugUtilsMessageSeverityFlagsEXT Severities =
        DebugUtilsMessageSeverityFlagsEXT.WarningBitExt | DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt;

    public const DebugUtilsMessageTypeFlagsEXT Types =
        DebugUtilsMessageTypeFlagsEXT.GeneralBitExt
        | DebugUtilsMessageTypeFlagsEXT.ValidationBitExt
        | DebugUtilsMessageTypeFlagsEXT.PerformanceBitExt;

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return _messages.ToArray();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
        }
    }

    private void Add(string message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }
    }

    /// <summary>Fills a messenger create-info pointing at <see cref="OnMessage"/> with this sink's handle.</summary>
    public static DebugUtilsMessengerCreateInfoEXT CreateInfo(GCHandle handle) => new()
    {
        MessageSeverity = Severities,
        MessageType = Types,
        PfnUserCallback = &OnMessage,
        PUserData = (void*)GCHandle.ToIntPtr(handle),
    };

    [UnmanagedCallersOnly]
    private static Bool32 OnMessage(
        DebugUtilsMessageSeverityFlagsEXT severity,
        DebugUtilsMessageTypeFlagsEXT types,
        DebugUtilsMessengerCallbackDataEXT* data,
        void* userData)
    {
        // Exceptions must not cross back into the driver; a failure to record is not worth crashing for.
        try
        {
            if ((severity & Severities) != 0 && GCHandle.FromIntPtr((nint)userData).Target is ValidationMessageSink sink)
            {
                var level = (severity & DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt) != 0 ? "ERROR" : "WARNING";
                var id = data == null ? string.Empty : VkString.Read(data->PMessageIdName);
                var text = data == null ? string.Empty : VkString.Read(data->PMessage);
                sink.Add($"[{level}] [{types}] {id}: {text}");
            }
        }
        catch (Exception)
        {
            // Deliberately ignored: see above.
        }

        // VK_FALSE: never abort the call that triggered the message.
        return false;
    }
}
