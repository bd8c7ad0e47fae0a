using SccDm.Realtime.Gpu;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Hosting;

/// <summary>
/// Every failure of <see cref="XrayRenderer"/>: a <see cref="RendererStatus"/> and a one-line message (what
/// happened, why, what to do). The underlying exception, if any, is the inner exception.
/// </summary>
public sealed class RendererException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RendererException(RendererStatus status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>What kind of failure (the C ABI's status code).</summary>
    public RendererStatus Status { get; }

    /// <summary>The status an exception from the plugin stands for.</summary>
    public static RendererStatus StatusOf(Exception exception) => exception switch
    {
        RendererException r => r.Status,
        ObjectDisposedException => RendererStatus.Destroyed,
        ArgumentException => RendererStatus.InvalidArgument,
        ModelLoadException or ModelContractException or FileNotFoundException => RendererStatus.Model,
        OrtUnavailableException or DllNotFoundException or EntryPointNotFoundException => RendererStatus.Dependency,
        GpuUnavailableException or VulkanException => RendererStatus.Vulkan,
        _ => RendererStatus.Internal,
    };

    /// <summary>Wraps <paramref name="exception"/> (unless it already is one) with its status.</summary>
    public static RendererException From(Exception exception, string context) => exception as RendererException
        ?? new RendererException(StatusOf(exception), $"{context}: {MessageOf(exception)}", exception);

    // ArgumentException appends " (Parameter 'name')", which means nothing to a C host.
    private static string MessageOf(Exception exception) =>
        exception is ArgumentException { ParamName: { } name } && exception.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? exception.Message[..^$" (Parameter '{name}')".Length]
            : exception.Message;
}
