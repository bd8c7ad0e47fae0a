using SccDm.Realtime.App.Kiosk;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class CachedBlitTests
{
    private static byte[] Source(int width, int height, int channels, int seed)
    {
        var pixels = new byte[width * height * channels];
        var random = new Random(seed);
        random.NextBytes(pixels);
        return pixels;
    }

    [Theory]
    [InlineData(4, 0, 0)]
    [InlineData(1, 0, 0)]
    [InlineData(4, -7, 5)] // partly outside the frame: clipped like the direct blit
    public void Draws_exactly_the_direct_bilinear_pixels_and_rebuilds_only_when_the_source_or_target_changes(int channels, int dx, int dy)
    {
        const int width = 200, height = 150;
        var source = Source(37, 23, channels, seed: 1);
        var target = new PixelRect(10 + dx, 20 + dy, 120, 90);
        var direct = new byte[width * height * 4];
        ImageBlit.Bilinear(source, 37, 23, channels, direct, width, height, target, new ScaleTable(), new ScaleTable());

        var blit = new CachedBlit();
        var owner = new object();
        var cached = new byte[width * height * 4];
        blit.Draw(source, 37, 23, channels, owner, 1, cached, width, height, target);
        Assert.Equal(direct, cached);
        Assert.Equal(1, blit.Rebuilds);

        // Same source and version: the cached image is copied again, not recomputed.
        Array.Clear(cached);
        blit.Draw(source, 37, 23, channels, owner, 1, cached, width, height, target);
        Assert.Equal(direct, cached);
        Assert.Equal(1, blit.Rebuilds);

        // New pixels under a new version are drawn; a new target or owner rebuilds too.
        var next = Source(37, 23, channels, seed: 2);
        ImageBlit.Bilinear(next, 37, 23, channels, direct, width, height, target, new ScaleTable(), new ScaleTable());
        blit.Draw(next, 37, 23, channels, owner, 2, cached, width, height, target);
        Assert.Equal(direct, cached);
        Assert.Equal(2, blit.Rebuilds);
        blit.Draw(next, 37, 23, channels, owner, 2, cached, width, height, target with { W = 100 });
        blit.Draw(next, 37, 23, channels, new object(), 2, cached, width, height, target with { W = 100 });
        Assert.Equal(4, blit.Rebuilds);
    }

    [Fact]
    public void Compositor_rescales_the_camera_once_per_new_frame_and_the_xray_once_per_new_result()
    {
        using var compositor = new KioskCompositor();
        var frame = new Capture.CameraFrame(64, 48) { Sequence = 1, CaptureTimestamp = 100 };
        var scene = new KioskScene { Camera = frame };
        scene.SetResult(new Synthesis.SynthesisResult(32));
        var pixels = new byte[640 * 360 * 4];
        for (int i = 0; i < 3; i++)
        {
            compositor.Compose(scene, pixels, 640, 360);
        }

        Assert.Equal((1, 1), (compositor.CameraRebuilds, compositor.XrayRebuilds));
        frame.Sequence = 2;
        frame.CaptureTimestamp = 200;
        compositor.Compose(scene, pixels, 640, 360);
        Assert.Equal((2, 1), (compositor.CameraRebuilds, compositor.XrayRebuilds));
        scene.SetResult(scene.Result);
        compositor.Compose(scene, pixels, 640, 360);
        Assert.Equal((2, 2), (compositor.CameraRebuilds, compositor.XrayRebuilds));
    }
}
