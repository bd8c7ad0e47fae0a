using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Glfw;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// The kiosk's GLFW window (no client API: Vulkan draws into it), its input callbacks and the full-screen toggle.
/// Callbacks are static unmanaged entry points that find this object through the window user pointer (a
/// <see cref="GCHandle"/>); an exception inside one is kept and rethrown by <see cref="ThrowIfCallbackFailed"/>
/// instead of unwinding through GLFW. GLFW thread only.
/// </summary>
internal sealed unsafe class KioskWindow : IDisposable
{
    private GCHandle _self;
    private IKioskWindowEvents? _events;
    private Exception? _callbackFailure;
    private int _windowedX = 80;
    private int _windowedY = 60;
    private int _windowedWidth;
    private int _windowedHeight;
    private int _disposed;

    private KioskWindow(nint handle, int width, int height)
    {
        Handle = handle;
        _windowedWidth = width;
        _windowedHeight = height;
        _self = GCHandle.Alloc(this);
        Glfw.SetWindowUserPointer(handle, GCHandle.ToIntPtr(_self));
        Glfw.SetKeyCallback(handle, &OnKey);
        Glfw.SetCursorPosCallback(handle, &OnCursorPos);
        Glfw.SetFramebufferSizeCallback(handle, &OnFramebufferSize);
    }

    /// <summary>The GLFWwindow*.</summary>
    public nint Handle { get; }

    /// <summary>True while the window covers a monitor.</summary>
    public bool IsFullscreen => Glfw.GetWindowMonitor(Handle) != 0;

    /// <summary>Creates the window (GLFW must be initialized). Throws <see cref="GlfwException"/> with GLFW's reason.</summary>
    public static KioskWindow Create(int width, int height, string title, bool fullscreen)
    {
        Glfw.DefaultWindowHints();
        Glfw.WindowHint(Glfw.ClientApi, Glfw.NoApi);
        Glfw.WindowHint(Glfw.Resizable, Glfw.True);
        nint handle = Glfw.CreateWindow(width, height, title);
        if (handle == 0)
        {
            var (code, description) = Glfw.GetError();
            throw new GlfwException(code, $"could not create a {width}×{height} window: {description ?? "unknown GLFW error"}");
        }

        var window = new KioskWindow(handle, width, height);
        if (fullscreen)
        {
            window.ToggleFullscreen();
        }

        return window;
    }

    /// <summary>Routes input to <paramref name="events"/>.</summary>
    public void SetEvents(IKioskWindowEvents events) => _events = events;

    /// <summary>True when the user closed the window or <see cref="RequestClose"/> was called.</summary>
    public bool ShouldClose => Glfw.WindowShouldClose(Handle);

    /// <summary>Asks the loop to end.</summary>
    public void RequestClose() => Glfw.SetWindowShouldClose(Handle, true);

    /// <summary>The framebuffer size in pixels (0×0 while minimized).</summary>
    public void GetFramebufferSize(out int width, out int height) => Glfw.GetFramebufferSize(Handle, out width, out height);

    /// <summary>Cursor position scaled to framebuffer pixels (they differ on HiDPI screens).</summary>
    public void GetCursorInPixels(double x, double y, out double px, out double py)
    {
        Glfw.GetWindowSize(Handle, out int ww, out int wh);
        Glfw.GetFramebufferSize(Handle, out int fw, out int fh);
        px = ww > 0 ? x * fw / ww : x;
        py = wh > 0 ? y * fh / wh : y;
    }

    /// <summary>Full screen on the primary monitor at its current mode, or back to the last windowed placement.</summary>
    public void ToggleFullscreen()
    {
        if (IsFullscreen)
        {
            Glfw.SetWindowMonitor(Handle, 0, _windowedX, _windowedY, _windowedWidth, _windowedHeight);
            return;
        }

        nint monitor = Glfw.GetPrimaryMonitor();
        if (monitor == 0 || Glfw.GetVideoMode(monitor) is not { } mode)
        {
            // No monitor to cover (some virtual displays): stay windowed rather than fail.
            return;
        }

        Glfw.GetWindowPos(Handle, out _windowedX, out _windowedY);
        Glfw.GetWindowSize(Handle, out _windowedWidth, out _windowedHeight);
        Glfw.SetWindowMonitor(Handle, monitor, 0, 0, mode.Width, mode.Height, mode.RefreshRate);
    }

    /// <summary>Rethrows an exception raised inside an input callback.</summary>
    public void ThrowIfCallbackFailed()
    {
        if (_callbackFailure is { } failure)
        {
            _callbackFailure = null;
            throw new InvalidOperationException("An input handler failed.", failure);
        }
    }

    private static KioskWindow? From(nint window)
    {
        nint pointer = Glfw.GetWindowUserPointer(window);
        return pointer == 0 ? null : GCHandle.FromIntPtr(pointer).Target as KioskWindow;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        var self = From(window);
        try
        {
            self?._events?.OnKey(key, action, mods);
        }
        catch (Exception e)
        {
            self!._callbackFailure ??= e;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCursorPos(nint window, double x, double y)
    {
        var self = From(window);
        try
        {
            self?._events?.OnCursor(x, y);
        }
        catch (Exception e)
        {
            self!._callbackFailure ??= e;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFramebufferSize(nint window, int width, int height)
    {
        var self = From(window);
        try
        {
            self?._events?.OnFramebufferResized(width, height);
        }
        catch (Exception e)
        {
            self!._callbackFailure ??= e;
        }
    }

    /// <summary>Destroys the window and frees the callback handle. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Glfw.SetWindowUserPointer(Handle, 0);
        Glfw.DestroyWindow(Handle);
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }
}
