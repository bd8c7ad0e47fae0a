using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GlfwApi = SccDm.Realtime.Native.Glfw.Glfw;

namespace SccDm.Realtime.Tests.Glfw;

/// <summary>
/// GLFW under a real (or Xvfb) X display. One class, so xunit runs these one after another; GLFW is initialized once
/// for all of them by <see cref="GlfwSession"/>.
/// </summary>
public sealed unsafe class GlfwTests : IClassFixture<GlfwSession>
{
    private static int _framebufferEvents;
    private static int _lastWidth;

    [DisplayFact]
    public void Init_reports_version_and_vulkan_support()
    {
        Assert.StartsWith("3.3", GlfwApi.GetVersionString());
        Assert.True(GlfwApi.VulkanSupported(), "GLFW found no Vulkan loader/ICD (install libvulkan1 and mesa-vulkan-drivers)");
        var extensions = GlfwApi.GetRequiredInstanceExtensions();
        Assert.Contains("VK_KHR_surface", extensions);
        Assert.True(extensions.Contains("VK_KHR_xlib_surface") || extensions.Contains("VK_KHR_xcb_surface"), string.Join(", ", extensions));
        Assert.True(GlfwApi.GetTime() >= 0);
    }

    [DisplayFact]
    public void Hidden_window_reports_its_sizes_flags_and_monitor()
    {
        nint window = CreateHiddenWindow(320, 240, "sccdm test — °");
        try
        {
            GlfwApi.GetFramebufferSize(window, out int fbWidth, out int fbHeight);
            GlfwApi.GetWindowSize(window, out int width, out int height);
            Assert.Equal((320, 240), (fbWidth, fbHeight));
            Assert.Equal((320, 240), (width, height));
            Assert.Equal(GlfwApi.False, GlfwApi.GetWindowAttrib(window, GlfwApi.Visible));
            Assert.Equal(0, GlfwApi.GetWindowMonitor(window));

            GlfwApi.SetWindowTitle(window, "renamed ≥ 1");
            Assert.False(GlfwApi.WindowShouldClose(window));
            GlfwApi.SetWindowShouldClose(window, true);
            Assert.True(GlfwApi.WindowShouldClose(window));

            nint monitor = GlfwApi.GetPrimaryMonitor();
            Assert.NotEqual(0, monitor);
            var mode = GlfwApi.GetVideoMode(monitor);
            Assert.NotNull(mode);
            Assert.Equal((1280, 800), (mode.Value.Width, mode.Value.Height));
            var (code, description) = GlfwApi.GetError();
            Assert.Equal(GlfwApi.NoError, code);
            Assert.Null(description);
        }
        finally
        {
            GlfwApi.DestroyWindow(window);
        }
    }

    [DisplayFact]
    public void Callbacks_install_and_framebuffer_resize_is_delivered()
    {
        nint window = CreateHiddenWindow(320, 240, "callbacks");
        try
        {
            var self = GCHandle.Alloc(this);
            GlfwApi.SetWindowUserPointer(window, GCHandle.ToIntPtr(self));
            Assert.Equal(GCHandle.ToIntPtr(self), GlfwApi.GetWindowUserPointer(window));
            self.Free();

            Assert.True(GlfwApi.SetKeyCallback(window, &OnKey) == null);
            Assert.True(GlfwApi.SetKeyCallback(window, &OnKey) != null, "the previous key callback comes back");
            Assert.True(GlfwApi.SetCursorPosCallback(window, &OnCursor) == null);
            Assert.True(GlfwApi.SetMouseButtonCallback(window, &OnButton) == null);
            Assert.True(GlfwApi.SetFramebufferSizeCallback(window, &OnFramebuffer) == null);

            _framebufferEvents = 0;
            GlfwApi.SetWindowSize(window, 400, 300);
            for (int i = 0; i < 250 && _framebufferEvents == 0; i++) // up to 5 s: Xvfb is slow on a loaded machine
            {
                GlfwApi.WaitEventsTimeout(0.02);
            }
            GlfwApi.GetFramebufferSize(window, out int width, out int height);
            Assert.Equal((400, 300), (width, height));
            Assert.True(_framebufferEvents > 0, "no framebuffer-size event arrived");
            Assert.Equal(400, _lastWidth);
        }
        finally
        {
            GlfwApi.DestroyWindow(window);
        }
    }

    private static nint CreateHiddenWindow(int width, int height, string title)
    {
        GlfwApi.DefaultWindowHints();
        GlfwApi.WindowHint(GlfwApi.ClientApi, GlfwApi.NoApi);
        GlfwApi.WindowHint(GlfwApi.Visible, GlfwApi.False);
        GlfwApi.WindowHint(GlfwApi.Resizable, GlfwApi.True);
        nint window = GlfwApi.CreateWindow(width, height, title);
        if (window == 0)
        {
            var (code, description) = GlfwApi.GetError();
            Assert.Fail($"glfwCreateWindow failed: 0x{code:X} {description}");
        }
        return window;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCursor(nint window, double x, double y)
    {
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnButton(nint window, int button, int action, int mods)
    {
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFramebuffer(nint window, int width, int height)
    {
        _framebufferEvents++;
        _lastWidth = width;
    }
}
