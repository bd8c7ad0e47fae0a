using SccDm.Realtime.Capture;
using SccDm.Realtime.Phantom;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>Deterministic camera frames of the procedural foot (seeded, unpaced), as both hosts push them.</summary>
internal static class PhantomFrames
{
    public const int Width = 160;
    public const int Height = 120;

    /// <summary>Frames 30, 60, 90 … of patient 1 (the foot is in view from frame 30).</summary>
    public static CameraFrame[] Render(int count)
    {
        using var camera = new PhantomCamera(new PhantomCameraOptions { Width = Width, Height = Height, Paced = false, Seed = 7 });
        var frames = new CameraFrame[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = new CameraFrame(Width, Height);
            camera.RenderFrame(30 + (30 * i), frames[i]);
        }

        return frames;
    }
}
