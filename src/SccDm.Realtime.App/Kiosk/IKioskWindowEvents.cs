namespace SccDm.Realtime.App.Kiosk;

/// <summary>Receives the kiosk window's input on the display thread (from inside glfwPollEvents).</summary>
internal interface IKioskWindowEvents
{
    /// <summary>A key event (GLFW key, action, mods).</summary>
    void OnKey(int key, int action, int mods);

    /// <summary>The cursor moved (window coordinates).</summary>
    void OnCursor(double x, double y);

    /// <summary>The framebuffer was resized (pixels).</summary>
    void OnFramebufferResized(int width, int height);
}
