using SccDm.Realtime.Native.Vulkan;
using VkSemaphore = SccDm.Realtime.Native.Vulkan.Semaphore;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// A VkSwapchainKHR with everything that depends on it and is recreated with it: its images, their views, and one
/// "render finished" semaphore per image (a present may still wait on a frame slot's semaphore when that slot comes
/// round again, so these are keyed by image, not by slot).
/// </summary>
internal sealed unsafe class Swapchain : IDisposable
{
    private readonly GpuDevice _device;
    private int _disposed;

    private Swapchain(GpuDevice device, SwapchainKHR handle, Format format, Extent2D extent, PresentModeKHR presentMode, bool readback, bool copy, Image[] images, ImageView[] views, VkSemaphore[] renderFinished)
    {
        UsesCopy = copy;
        _device = device;
        Handle = handle;
        Format = format;
        Extent = extent;
        PresentMode = presentMode;
        SupportsReadback = readback;
        Images = images;
        Views = views;
        RenderFinished = renderFinished;
    }

    public SwapchainKHR Handle { get; }

    public Format Format { get; }

    public Extent2D Extent { get; }

    public PresentModeKHR PresentMode { get; }

    public bool SupportsReadback { get; }

    /// <summary>True when frames are copied into the images (TRANSFER_DST usage) rather than drawn.</summary>
    public bool UsesCopy { get; }

    public Image[] Images { get; }

    public ImageView[] Views { get; }

    public VkSemaphore[] RenderFinished { get; }

    /// <summary>
    /// Creates a swapchain for <paramref name="surface"/> at the surface's current extent (or the framebuffer size
    /// when the surface leaves it to the application). Returns null when the surface has a zero extent (minimized).
    /// <paramref name="old"/> is passed as oldSwapchain; the caller destroys it afterwards.
    /// </summary>
    public static Swapchain? Create(GpuDevice device, SurfaceKHR surface, int framebufferWidth, int framebufferHeight, SurfacePresenterOptions options, Swapchain? old)
    {
        var vk = device.Vk;
        vk.GetPhysicalDeviceSurfaceCapabilitiesKHR(device.PhysicalDevice, surface, out var caps).Check("vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        Extent2D extent = caps.CurrentExtent;
        if (extent.Width == uint.MaxValue)
        {
            extent = new Extent2D
            {
                Width = Math.Clamp((uint)Math.Max(framebufferWidth, 0), caps.MinImageExtent.Width, caps.MaxImageExtent.Width),
                Height = Math.Clamp((uint)Math.Max(framebufferHeight, 0), caps.MinImageExtent.Height, caps.MaxImageExtent.Height),
            };
        }

        if (extent.Width == 0 || extent.Height == 0)
        {
            return null;
        }

        var (format, colorSpace) = ChooseFormat(vk, device.PhysicalDevice, surface);
        var presentMode = ChoosePresentMode(vk, device.PhysicalDevice, surface, options.Vsync);
        uint imageCount = caps.MinImageCount + 1;
        if (caps.MaxImageCount > 0)
        {
            imageCount = Math.Min(imageCount, caps.MaxImageCount);
        }

        bool readback = options.AllowReadback && (caps.SupportedUsageFlags & ImageUsageFlags.TransferSrcBit) != 0;
        bool copy = options.PreferCopy && (caps.SupportedUsageFlags & ImageUsageFlags.TransferDstBit) != 0;
        var usage = ImageUsageFlags.ColorAttachmentBit | (readback ? ImageUsageFlags.TransferSrcBit : 0) | (copy ? ImageUsageFlags.TransferDstBit : 0);
        var alpha = CompositeAlphaFlagsKHR.OpaqueBitKhr;
        foreach (var candidate in (ReadOnlySpan<CompositeAlphaFlagsKHR>)[CompositeAlphaFlagsKHR.OpaqueBitKhr, CompositeAlphaFlagsKHR.InheritBitKhr, CompositeAlphaFlagsKHR.PreMultipliedBitKhr, CompositeAlphaFlagsKHR.PostMultipliedBitKhr])
        {
            if ((caps.SupportedCompositeAlpha & candidate) != 0)
            {
                alpha = candidate;
                break;
            }
        }
        var info = new SwapchainCreateInfoKHR
        {
            Surface = surface,
            MinImageCount = imageCount,
            ImageFormat = format,
            ImageColorSpace = colorSpace,
            ImageExtent = extent,
            ImageArrayLayers = 1,
            ImageUsage = usage,
            ImageSharingMode = SharingMode.Exclusive,
            PreTransform = caps.CurrentTransform,
            CompositeAlpha = alpha,
            PresentMode = presentMode,
            Clipped = true,
            OldSwapchain = old?.Handle ?? default,
        };
        vk.CreateSwapchainKHR(device.Device, in info, null, out var handle).Check("vkCreateSwapchainKHR");

        var views = new List<ImageView>();
        var semaphores = new List<VkSemaphore>();
        try
        {
            uint count = 0;
            vk.GetSwapchainImagesKHR(device.Device, handle, &count, null).Check("vkGetSwapchainImagesKHR");
            var images = new Image[count];
            fixed (Image* p = images)
            {
                vk.GetSwapchainImagesKHR(device.Device, handle, &count, p).Check("vkGetSwapchainImagesKHR");
            }

            foreach (var image in images)
            {
                var viewInfo = new ImageViewCreateInfo
                {
                    Image = image,
                    ViewType = ImageViewType.Type2D,
                    Format = format,
                    SubresourceRange = ColorRange,
                };
                vk.CreateImageView(device.Device, in viewInfo, null, out var view).Check("vkCreateImageView");
                views.Add(view);
                var semaphoreInfo = new SemaphoreCreateInfo();
                vk.CreateSemaphore(device.Device, in semaphoreInfo, null, out var semaphore).Check("vkCreateSemaphore");
                semaphores.Add(semaphore);
            }

            return new Swapchain(device, handle, format, extent, presentMode, readback, copy, images, [.. views], [.. semaphores]);
        }
        catch
        {
            foreach (var s in semaphores)
            {
                vk.DestroySemaphore(device.Device, s, null);
            }

            foreach (var v in views)
            {
                vk.DestroyImageView(device.Device, v, null);
            }

            vk.DestroySwapchainKHR(device.Device, handle, null);
            throw;
        }
    }

    public static ImageSubresourceRange ColorRange => new()
    {
        AspectMask = ImageAspectFlags.ColorBit,
        BaseMipLevel = 0,
        LevelCount = 1,
        BaseArrayLayer = 0,
        LayerCount = 1,
    };

    /// <summary>True for formats whose hardware encode applies the sRGB curve on write.</summary>
    public bool IsSrgb => Format is Format.B8G8R8A8Srgb or Format.R8G8B8A8Srgb;

    /// <summary>True when the image bytes are B, G, R, A (readback must swap R and B).</summary>
    public bool IsBgra => Format is Format.B8G8R8A8Unorm or Format.B8G8R8A8Srgb;

    private static (Format Format, ColorSpaceKHR ColorSpace) ChooseFormat(Vk vk, PhysicalDevice physical, SurfaceKHR surface)
    {
        uint count = 0;
        vk.GetPhysicalDeviceSurfaceFormatsKHR(physical, surface, &count, null).Check("vkGetPhysicalDeviceSurfaceFormatsKHR");
        var formats = new SurfaceFormatKHR[count];
        fixed (SurfaceFormatKHR* p = formats)
        {
            vk.GetPhysicalDeviceSurfaceFormatsKHR(physical, surface, &count, p).Check("vkGetPhysicalDeviceSurfaceFormatsKHR");
        }

        if (count == 0)
        {
            throw new GpuUnavailableException("the window surface reports no formats");
        }

        // UNORM first: the composed bytes are already sRGB-encoded, so they pass through unchanged.
        foreach (var wanted in (ReadOnlySpan<Format>)[Format.B8G8R8A8Unorm, Format.R8G8B8A8Unorm, Format.B8G8R8A8Srgb, Format.R8G8B8A8Srgb])
        {
            foreach (var f in formats)
            {
                if (f.Format == wanted && f.ColorSpace == ColorSpaceKHR.SrgbNonlinearKhr)
                {
                    return (f.Format, f.ColorSpace);
                }
            }
        }

        throw new GpuUnavailableException($"the window surface offers no 8-bit RGBA/BGRA format (first offered: {formats[0].Format})");
    }

    private static PresentModeKHR ChoosePresentMode(Vk vk, PhysicalDevice physical, SurfaceKHR surface, bool vsync)
    {
        if (vsync)
        {
            return PresentModeKHR.FifoKhr;
        }

        uint count = 0;
        vk.GetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &count, null).Check("vkGetPhysicalDeviceSurfacePresentModesKHR");
        var modes = new PresentModeKHR[count];
        fixed (PresentModeKHR* p = modes)
        {
            vk.GetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &count, p).Check("vkGetPhysicalDeviceSurfacePresentModesKHR");
        }

        return modes.Contains(PresentModeKHR.MailboxKhr) ? PresentModeKHR.MailboxKhr
            : modes.Contains(PresentModeKHR.ImmediateKhr) ? PresentModeKHR.ImmediateKhr
            : PresentModeKHR.FifoKhr;
    }

    /// <summary>Destroys semaphores, views and the swapchain. The caller waits for the device to be idle first. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var vk = _device.Vk;
        for (int i = RenderFinished.Length - 1; i >= 0; i--)
        {
            vk.DestroySemaphore(_device.Device, RenderFinished[i], null);
            vk.DestroyImageView(_device.Device, Views[i], null);
        }

        vk.DestroySwapchainKHR(_device.Device, Handle, null);
    }
}
