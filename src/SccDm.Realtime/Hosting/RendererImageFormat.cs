namespace SccDm.Realtime.Hosting;

/// <summary>The pixel format of a camera frame a host pushes as a Vulkan image.</summary>
public enum RendererImageFormat
{
    /// <summary>VK_FORMAT_R8G8B8A8_UNORM or _SRGB.</summary>
    Rgba8 = 0,

    /// <summary>VK_FORMAT_B8G8R8A8_UNORM or _SRGB (swapchain-style).</summary>
    Bgra8 = 1,
}
