namespace SccDm.Realtime.Native.Vulkan;

/// <summary>A Vulkan call returned an error code. The message names the call and the result, e.g. "vkQueueSubmit failed: ErrorDeviceLost".</summary>
public sealed class VulkanException : Exception
{
    public VulkanException(Result result, string call)
        : base($"{call} failed: {result}")
    {
        Result = result;
        Call = call;
    }

    /// <summary>The error code returned.</summary>
    public Result Result { get; }

    /// <summary>The Vulkan command that failed, e.g. <c>vkQueueSubmit</c>.</summary>
    public string Call { get; }
}
