namespace SccDm.Realtime.Native.Vulkan;

/// <summary>Checks of <see cref="Result"/> values; used for every call in every build configuration.</summary>
public static class ResultExtensions
{
    /// <summary>
    /// Throws <see cref="VulkanException"/> for error codes (negative values) and returns success codes
    /// (<see cref="Result.Success"/>, <see cref="Result.Timeout"/>, <see cref="Result.SuboptimalKhr"/>...) so callers
    /// that care about them can branch.
    /// </summary>
    /// <param name="result">The value a Vulkan command returned.</param>
    /// <param name="call">The command name, e.g. <c>"vkQueueSubmit"</c>.</param>
    public static Result Check(this Result result, string call)
    {
        if (result < 0)
        {
            throw new VulkanException(result, call);
        }

        return result;
    }
}
