using GlfwApi = SccDm.Realtime.Native.Glfw.Glfw;

namespace SccDm.Realtime.Tests.Glfw;

/// <summary>
/// Initializes GLFW once for all GLFW tests and terminates it after them, as an app does. Without a display it does
/// nothing (the tests skip themselves).
/// </summary>
public sealed class GlfwSession : IDisposable
{
    private readonly bool _initialized;

    /// <summary>Initializes GLFW when there is a display.</summary>
    public GlfwSession()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            return;
        }
        // On a loaded shared machine Xvfb has been seen to refuse the very first connection; a second try a moment
        // later succeeds. A display that stays unreachable still fails the tests with GLFW's message.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                GlfwApi.InitOrThrow();
                _initialized = true;
                return;
            }
            catch (Native.Glfw.GlfwException) when (attempt < 3)
            {
                Thread.Sleep(250);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_initialized)
        {
            GlfwApi.Terminate();
        }
    }
}
