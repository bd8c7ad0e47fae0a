namespace SccDm.Realtime.App.Kiosk;

/// <summary>What a kiosk run did: its exit code and the numbers tests and the exit summary use.</summary>
internal sealed record KioskRunResult
{
    /// <summary>The process exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; init; }

    /// <summary>Frames presented (window) or written (headless).</summary>
    public long Frames { get; init; }

    /// <summary>Swapchain recreations after the first (resize, out-of-date, suboptimal).</summary>
    public int SwapchainRecreations { get; init; }

    /// <summary>Vulkan validation messages (with validation on).</summary>
    public IReadOnlyList<string> ValidationMessages { get; init; } = [];

    /// <summary>
    /// Vulkan objects (of the window's and the synthesizer's devices) still alive after shutdown: 0 unless
    /// something leaked (<see cref="Gpu.GpuDevice.LiveObjectCount"/>). Windowed runs only.
    /// </summary>
    public long LiveVulkanObjects { get; init; }

    /// <summary>Where the screenshot went, if one was written.</summary>
    public string? Screenshot { get; init; }

    /// <summary>The session folders recorded during the run.</summary>
    public IReadOnlyList<string> Recordings { get; init; } = [];

    /// <summary>Where headless frames went.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>Size of the last frame.</summary>
    public int Width { get; init; }

    /// <summary>Size of the last frame.</summary>
    public int Height { get; init; }
}
