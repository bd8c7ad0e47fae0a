using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Glfw;

/// <summary>The raw entry points of libglfw.so.3 (GLFW 3.3, glfw3.h). <see cref="Glfw"/> wraps them.</summary>
internal static unsafe partial class GlfwNative
{
    public const string Lib = "libglfw.so.3";

    [LibraryImport(Lib)] public static partial int glfwInit();
    [LibraryImport(Lib)] public static partial void glfwTerminate();
    [LibraryImport(Lib)] public static partial byte* glfwGetVersionString();
    [LibraryImport(Lib)] public static partial int glfwGetError(byte** description);
    [LibraryImport(Lib)] public static partial void glfwDefaultWindowHints();
    [LibraryImport(Lib)] public static partial void glfwWindowHint(int hint, int value);
    [LibraryImport(Lib)] public static partial nint glfwCreateWindow(int width, int height, byte* title, nint monitor, nint share);
    [LibraryImport(Lib)] public static partial void glfwDestroyWindow(nint window);
    [LibraryImport(Lib)] public static partial int glfwWindowShouldClose(nint window);
    [LibraryImport(Lib)] public static partial void glfwSetWindowShouldClose(nint window, int value);
    [LibraryImport(Lib)] public static partial void glfwSetWindowTitle(nint window, byte* title);
    [LibraryImport(Lib)] public static partial void glfwPollEvents();
    [LibraryImport(Lib)] public static partial void glfwWaitEventsTimeout(double timeout);
    [LibraryImport(Lib)] public static partial void glfwPostEmptyEvent();
    [LibraryImport(Lib)] public static partial void glfwGetFramebufferSize(nint window, int* width, int* height);
    [LibraryImport(Lib)] public static partial void glfwGetWindowSize(nint window, int* width, int* height);
    [LibraryImport(Lib)] public static partial void glfwSetWindowSize(nint window, int width, int height);
    [LibraryImport(Lib)] public static partial void glfwGetWindowPos(nint window, int* x, int* y);
    [LibraryImport(Lib)] public static partial void glfwSetWindowPos(nint window, int x, int y);
    [LibraryImport(Lib)] public static partial void glfwShowWindow(nint window);
    [LibraryImport(Lib)] public static partial void glfwHideWindow(nint window);
    [LibraryImport(Lib)] public static partial int glfwGetWindowAttrib(nint window, int attrib);
    [LibraryImport(Lib)] public static partial void glfwSetWindowUserPointer(nint window, nint pointer);
    [LibraryImport(Lib)] public static partial nint glfwGetWindowUserPointer(nint window);
    [LibraryImport(Lib)] public static partial nint glfwSetKeyCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial nint glfwSetCharCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial nint glfwSetCursorPosCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial nint glfwSetMouseButtonCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial nint glfwSetFramebufferSizeCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial nint glfwSetWindowCloseCallback(nint window, nint callback);
    [LibraryImport(Lib)] public static partial int glfwGetKey(nint window, int key);
    [LibraryImport(Lib)] public static partial void glfwGetCursorPos(nint window, double* x, double* y);
    [LibraryImport(Lib)] public static partial nint glfwGetPrimaryMonitor();
    [LibraryImport(Lib)] public static partial nint glfwGetWindowMonitor(nint window);
    [LibraryImport(Lib)] public static partial void glfwSetWindowMonitor(nint window, nint monitor, int x, int y, int width, int height, int refreshRate);
    [LibraryImport(Lib)] public static partial VideoMode* glfwGetVideoMode(nint monitor);
    [LibraryImport(Lib)] public static partial int glfwVulkanSupported();
    [LibraryImport(Lib)] public static partial byte** glfwGetRequiredInstanceExtensions(uint* count);
    [LibraryImport(Lib)] public static partial int glfwCreateWindowSurface(nint instance, nint window, nint allocator, ulong* surface);
    [LibraryImport(Lib)] public static partial double glfwGetTime();
}
