using System.Runtime.InteropServices;
using System.Text;

namespace SccDm.Realtime.Native.Glfw;

/// <summary>
/// A thin binding of GLFW 3.3 (libglfw.so.3): window, input and the Vulkan surface. Window and monitor handles are
/// the raw <c>GLFWwindow*</c> / <c>GLFWmonitor*</c> as <see cref="nint"/>.
/// </summary>
/// <remarks>
/// <para>Call GLFW from one thread (the main thread), as GLFW requires.</para>
/// <para>Callbacks are C function pointers: pass a <c>static</c> method marked
/// <c>[UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]</c>, e.g. <c>&amp;OnKey</c>. Nothing has to be kept alive
/// and nothing is allocated per event; route events to an object with <see cref="SetWindowUserPointer"/> (a
/// <see cref="GCHandle"/>) or a static field. Each setter returns the previous callback.</para>
/// </remarks>
public static unsafe class Glfw
{
    /// <summary>GLFW's true.</summary>
    public const int True = 1;
    /// <summary>GLFW's false.</summary>
    public const int False = 0;
    /// <summary>"Any value" for hints and refresh rates.</summary>
    public const int DontCare = -1;

    // Window hints and attributes.
    /// <summary>Hint/attribute: the window has input focus.</summary>
    public const int Focused = 0x00020001;
    /// <summary>Attribute: the window is iconified.</summary>
    public const int Iconified = 0x00020002;
    /// <summary>Hint: the user can resize the window.</summary>
    public const int Resizable = 0x00020003;
    /// <summary>Hint: the window is shown when created.</summary>
    public const int Visible = 0x00020004;
    /// <summary>Hint: the window has decorations.</summary>
    public const int Decorated = 0x00020005;
    /// <summary>Hint: a full-screen window iconifies when it loses focus.</summary>
    public const int AutoIconify = 0x00020006;
    /// <summary>Hint: always on top.</summary>
    public const int Floating = 0x00020007;
    /// <summary>Hint: created maximized.</summary>
    public const int Maximized = 0x00020008;
    /// <summary>Hint: focus the window when shown.</summary>
    public const int FocusOnShow = 0x0002000C;
    /// <summary>Hint: which client API to create a context for; <see cref="NoApi"/> for Vulkan.</summary>
    public const int ClientApi = 0x00022001;
    /// <summary>Hint: scale the window to the monitor's content scale.</summary>
    public const int ScaleToMonitor = 0x0002200C;
    /// <summary><see cref="ClientApi"/> value: no OpenGL context (Vulkan renders into the window).</summary>
    public const int NoApi = 0;

    // Errors (glfwGetError).
    /// <summary>No error.</summary>
    public const int NoError = 0;
    /// <summary>GLFW is not initialized.</summary>
    public const int NotInitialized = 0x00010001;
    /// <summary>An invalid enum was passed.</summary>
    public const int InvalidEnum = 0x00010003;
    /// <summary>An invalid value was passed.</summary>
    public const int InvalidValue = 0x00010004;
    /// <summary>Out of memory.</summary>
    public const int OutOfMemory = 0x00010005;
    /// <summary>The requested API (e.g. Vulkan) is unavailable.</summary>
    public const int ApiUnavailable = 0x00010006;
    /// <summary>A platform error, e.g. no X display.</summary>
    public const int PlatformError = 0x00010008;

    // Key actions and modifier bits.
    /// <summary>Key or button released.</summary>
    public const int Release = 0;
    /// <summary>Key or button pressed.</summary>
    public const int Press = 1;
    /// <summary>Key held until it repeated.</summary>
    public const int Repeat = 2;
    /// <summary>Modifier bit: Shift.</summary>
    public const int ModShift = 0x0001;
    /// <summary>Modifier bit: Control.</summary>
    public const int ModControl = 0x0002;
    /// <summary>Modifier bit: Alt.</summary>
    public const int ModAlt = 0x0004;

    // Mouse buttons.
    /// <summary>Left mouse button.</summary>
    public const int MouseButtonLeft = 0;
    /// <summary>Right mouse button.</summary>
    public const int MouseButtonRight = 1;
    /// <summary>Middle mouse button.</summary>
    public const int MouseButtonMiddle = 2;

    // Keys (US layout key codes; letters and digits are their ASCII codes).
    /// <summary>Space.</summary>
    public const int KeySpace = 32;
    /// <summary>Slash, which is '?' with Shift.</summary>
    public const int KeySlash = 47;
    /// <summary>Digit 0; digits 1–9 are <see cref="Key0"/> + n.</summary>
    public const int Key0 = 48;
    /// <summary>Digit 1.</summary>
    public const int Key1 = 49;
    /// <summary>Digit 2.</summary>
    public const int Key2 = 50;
    /// <summary>Digit 3.</summary>
    public const int Key3 = 51;
    /// <summary>Digit 4.</summary>
    public const int Key4 = 52;
    /// <summary>Digit 5.</summary>
    public const int Key5 = 53;
    /// <summary>Digit 6.</summary>
    public const int Key6 = 54;
    /// <summary>Digit 7.</summary>
    public const int Key7 = 55;
    /// <summary>Digit 8.</summary>
    public const int Key8 = 56;
    /// <summary>Digit 9.</summary>
    public const int Key9 = 57;
    /// <summary>Letter A; other letters are <see cref="KeyA"/> + offset.</summary>
    public const int KeyA = 65;
    /// <summary>Letter F.</summary>
    public const int KeyF = 70;
    /// <summary>Letter H.</summary>
    public const int KeyH = 72;
    /// <summary>Letter P.</summary>
    public const int KeyP = 80;
    /// <summary>Letter Q.</summary>
    public const int KeyQ = 81;
    /// <summary>Letter R.</summary>
    public const int KeyR = 82;
    /// <summary>Letter S.</summary>
    public const int KeyS = 83;
    /// <summary>Escape.</summary>
    public const int KeyEscape = 256;
    /// <summary>Enter.</summary>
    public const int KeyEnter = 257;
    /// <summary>Tab.</summary>
    public const int KeyTab = 258;
    /// <summary>Right arrow.</summary>
    public const int KeyRight = 262;
    /// <summary>Left arrow.</summary>
    public const int KeyLeft = 263;
    /// <summary>Down arrow.</summary>
    public const int KeyDown = 264;
    /// <summary>Up arrow.</summary>
    public const int KeyUp = 265;
    /// <summary>F1; F2–F12 follow.</summary>
    public const int KeyF1 = 290;
    /// <summary>F11 (a common full-screen toggle).</summary>
    public const int KeyF11 = 300;

    /// <summary>Initializes GLFW. False means it failed; <see cref="GetError()"/> says why (often: no X display).</summary>
    /// <exception cref="DllNotFoundException">libglfw.so.3 is not installed; the message says which package to install.</exception>
    public static bool Init()
    {
        try
        {
            return GlfwNative.glfwInit() == True;
        }
        catch (DllNotFoundException e)
        {
            // Still a DllNotFoundException, so callers can catch the usual type, but with a message that says what to do.
            throw new DllNotFoundException($"{GlfwNative.Lib} is missing: install the Debian package libglfw3 (run .ci/setup).", e);
        }
    }

    /// <summary>Initializes GLFW or throws with GLFW's reason and what to do.</summary>
    /// <exception cref="GlfwException">GLFW could not initialize (e.g. no display).</exception>
    /// <exception cref="DllNotFoundException">libglfw.so.3 is not installed.</exception>
    public static void InitOrThrow()
    {
        if (!Init())
        {
            int code = GetError(out string? description);
            string display = Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } d ? $"DISPLAY={d}" : "DISPLAY is not set";
            throw new GlfwException(code,
                $"GLFW could not initialize: {description ?? "unknown error"} ({display}). Run on a desktop session, or headless under "
                + "xvfb-run -a -s \"-screen 0 1280x800x24\".");
        }
    }

    /// <summary>Destroys all windows and releases GLFW.</summary>
    public static void Terminate() => GlfwNative.glfwTerminate();

    /// <summary>GLFW's compile-time version and platform string, e.g. "3.3.8 X11 GLX EGL OSMesa …".</summary>
    public static string GetVersionString() => Read(GlfwNative.glfwGetVersionString());

    /// <summary>Returns and clears the last error code of this thread, with its description (null when none).</summary>
    public static int GetError(out string? description)
    {
        byte* text = null;
        int code = GlfwNative.glfwGetError(&text);
        description = text == null ? null : Read(text);
        return code;
    }

    /// <summary>Returns and clears the last error of this thread: its code (<see cref="NoError"/> when none) and description.</summary>
    public static (int Code, string? Description) GetError()
    {
        int code = GetError(out string? description);
        return (code, description);
    }

    /// <summary>Resets all window hints to their defaults.</summary>
    public static void DefaultWindowHints() => GlfwNative.glfwDefaultWindowHints();

    /// <summary>Sets a hint for the next <see cref="CreateWindow"/>, e.g. (<see cref="ClientApi"/>, <see cref="NoApi"/>).</summary>
    public static void WindowHint(int hint, int value) => GlfwNative.glfwWindowHint(hint, value);

    /// <summary>Creates a window (full screen on <paramref name="monitor"/> when not 0). Returns 0 on failure; see <see cref="GetError()"/>.</summary>
    public static nint CreateWindow(int width, int height, string title, nint monitor = 0, nint share = 0)
    {
        fixed (byte* t = Utf8Z(title))
        {
            return GlfwNative.glfwCreateWindow(width, height, t, monitor, share);
        }
    }

    /// <summary>Destroys a window.</summary>
    public static void DestroyWindow(nint window) => GlfwNative.glfwDestroyWindow(window);

    /// <summary>True once the user asked to close the window (or <see cref="SetWindowShouldClose"/> said so).</summary>
    public static bool WindowShouldClose(nint window) => GlfwNative.glfwWindowShouldClose(window) != False;

    /// <summary>Sets or clears the close flag.</summary>
    public static void SetWindowShouldClose(nint window, bool value) => GlfwNative.glfwSetWindowShouldClose(window, value ? True : False);

    /// <summary>Sets the window title (UTF-8).</summary>
    public static void SetWindowTitle(nint window, string title)
    {
        fixed (byte* t = Utf8Z(title))
        {
            GlfwNative.glfwSetWindowTitle(window, t);
        }
    }

    /// <summary>Processes pending events and returns at once.</summary>
    public static void PollEvents() => GlfwNative.glfwPollEvents();

    /// <summary>Sleeps until an event arrives or <paramref name="timeoutSeconds"/> pass, then processes events.</summary>
    public static void WaitEventsTimeout(double timeoutSeconds) => GlfwNative.glfwWaitEventsTimeout(timeoutSeconds);

    /// <summary>Wakes a thread blocked in <see cref="WaitEventsTimeout"/>; callable from any thread.</summary>
    public static void PostEmptyEvent() => GlfwNative.glfwPostEmptyEvent();

    /// <summary>The framebuffer size in pixels (what the swapchain must match).</summary>
    public static void GetFramebufferSize(nint window, out int width, out int height)
    {
        int w, h;
        GlfwNative.glfwGetFramebufferSize(window, &w, &h);
        width = w;
        height = h;
    }

    /// <summary>The window's client-area size in screen coordinates.</summary>
    public static void GetWindowSize(nint window, out int width, out int height)
    {
        int w, h;
        GlfwNative.glfwGetWindowSize(window, &w, &h);
        width = w;
        height = h;
    }

    /// <summary>Resizes the window's client area.</summary>
    public static void SetWindowSize(nint window, int width, int height) => GlfwNative.glfwSetWindowSize(window, width, height);

    /// <summary>The window's position in screen coordinates.</summary>
    public static void GetWindowPos(nint window, out int x, out int y)
    {
        int px, py;
        GlfwNative.glfwGetWindowPos(window, &px, &py);
        x = px;
        y = py;
    }

    /// <summary>Moves the window.</summary>
    public static void SetWindowPos(nint window, int x, int y) => GlfwNative.glfwSetWindowPos(window, x, y);

    /// <summary>Shows a hidden window.</summary>
    public static void ShowWindow(nint window) => GlfwNative.glfwShowWindow(window);

    /// <summary>Hides the window.</summary>
    public static void HideWindow(nint window) => GlfwNative.glfwHideWindow(window);

    /// <summary>Reads a window attribute such as <see cref="Visible"/> or <see cref="Focused"/>.</summary>
    public static int GetWindowAttrib(nint window, int attribute) => GlfwNative.glfwGetWindowAttrib(window, attribute);

    /// <summary>Stores an arbitrary pointer with the window (e.g. <c>GCHandle.ToIntPtr</c> of the owning object) for callbacks.</summary>
    public static void SetWindowUserPointer(nint window, nint pointer) => GlfwNative.glfwSetWindowUserPointer(window, pointer);

    /// <summary>The pointer stored by <see cref="SetWindowUserPointer"/>.</summary>
    public static nint GetWindowUserPointer(nint window) => GlfwNative.glfwGetWindowUserPointer(window);

    /// <summary>Sets the key callback (window, key, scancode, action, mods); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, int, int, int, int, void> SetKeyCallback(
        nint window, delegate* unmanaged[Cdecl]<nint, int, int, int, int, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, int, int, int, int, void>)GlfwNative.glfwSetKeyCallback(window, (nint)callback);

    /// <summary>Sets the text-input callback (window, Unicode code point); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, uint, void> SetCharCallback(nint window, delegate* unmanaged[Cdecl]<nint, uint, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, uint, void>)GlfwNative.glfwSetCharCallback(window, (nint)callback);

    /// <summary>Sets the cursor-position callback (window, x, y in screen coordinates); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, double, double, void> SetCursorPosCallback(
        nint window, delegate* unmanaged[Cdecl]<nint, double, double, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, double, double, void>)GlfwNative.glfwSetCursorPosCallback(window, (nint)callback);

    /// <summary>Sets the mouse-button callback (window, button, action, mods); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, int, int, int, void> SetMouseButtonCallback(
        nint window, delegate* unmanaged[Cdecl]<nint, int, int, int, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, int, int, int, void>)GlfwNative.glfwSetMouseButtonCallback(window, (nint)callback);

    /// <summary>Sets the framebuffer-size callback (window, width, height in pixels); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, int, int, void> SetFramebufferSizeCallback(
        nint window, delegate* unmanaged[Cdecl]<nint, int, int, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, int, int, void>)GlfwNative.glfwSetFramebufferSizeCallback(window, (nint)callback);

    /// <summary>Sets the close-request callback (window); returns the previous one.</summary>
    public static delegate* unmanaged[Cdecl]<nint, void> SetWindowCloseCallback(nint window, delegate* unmanaged[Cdecl]<nint, void> callback) =>
        (delegate* unmanaged[Cdecl]<nint, void>)GlfwNative.glfwSetWindowCloseCallback(window, (nint)callback);

    /// <summary>The last state (<see cref="Press"/>/<see cref="Release"/>) of a key.</summary>
    public static int GetKey(nint window, int key) => GlfwNative.glfwGetKey(window, key);

    /// <summary>The cursor position relative to the client area.</summary>
    public static void GetCursorPos(nint window, out double x, out double y)
    {
        double px, py;
        GlfwNative.glfwGetCursorPos(window, &px, &py);
        x = px;
        y = py;
    }

    /// <summary>The primary monitor, or 0 when none is connected.</summary>
    public static nint GetPrimaryMonitor() => GlfwNative.glfwGetPrimaryMonitor();

    /// <summary>The monitor a full-screen window is on, or 0 for a windowed one.</summary>
    public static nint GetWindowMonitor(nint window) => GlfwNative.glfwGetWindowMonitor(window);

    /// <summary>
    /// Makes the window full screen on <paramref name="monitor"/>, or windowed at (x, y, width, height) when monitor is 0.
    /// </summary>
    public static void SetWindowMonitor(nint window, nint monitor, int x, int y, int width, int height, int refreshRate = DontCare) =>
        GlfwNative.glfwSetWindowMonitor(window, monitor, x, y, width, height, refreshRate);

    /// <summary>The monitor's current video mode, or null on error.</summary>
    public static VideoMode? GetVideoMode(nint monitor)
    {
        VideoMode* mode = GlfwNative.glfwGetVideoMode(monitor);
        return mode == null ? null : *mode;
    }

    /// <summary>True when GLFW found a Vulkan loader and an ICD it can create surfaces with.</summary>
    public static bool VulkanSupported() => GlfwNative.glfwVulkanSupported() == True;

    /// <summary>The instance extensions a Vulkan instance needs for window surfaces (e.g. VK_KHR_surface, VK_KHR_xcb_surface); empty when Vulkan is unavailable.</summary>
    public static string[] GetRequiredInstanceExtensions()
    {
        uint count;
        byte** names = GlfwNative.glfwGetRequiredInstanceExtensions(&count);
        if (names == null)
        {
            return [];
        }
        var result = new string[count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Read(names[i]);
        }
        return result;
    }

    /// <summary>Creates a <c>VkSurfaceKHR</c> for the window. Returns the <c>VkResult</c> (0 = VK_SUCCESS).</summary>
    /// <param name="vkInstance">The <c>VkInstance</c>, created with <see cref="GetRequiredInstanceExtensions"/> enabled.</param>
    /// <param name="window">The window, created with <see cref="ClientApi"/> = <see cref="NoApi"/>.</param>
    /// <param name="allocator">A <c>VkAllocationCallbacks*</c>, or 0.</param>
    /// <param name="surface">The new surface handle.</param>
    public static int CreateWindowSurface(nint vkInstance, nint window, nint allocator, out ulong surface)
    {
        ulong handle = 0;
        int result = GlfwNative.glfwCreateWindowSurface(vkInstance, window, allocator, &handle);
        surface = handle;
        return result;
    }

    /// <summary>Seconds since GLFW was initialized.</summary>
    public static double GetTime() => GlfwNative.glfwGetTime();

    private static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static string Read(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
