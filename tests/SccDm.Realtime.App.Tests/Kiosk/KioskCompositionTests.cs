using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class KioskCompositionTests
{
    private const int Width = 1280;
    private const int Height = 720;
    private static readonly (byte R, byte G, byte B) CameraCentre = (200, 100, 50);

    /// <summary>A 640×480 camera frame: dark blue with a 64×64 orange patch in the middle.</summary>
    private static CameraFrame Camera()
    {
        var frame = new CameraFrame(640, 480);
        for (int y = 0; y < 480; y++)
        {
            for (int x = 0; x < 640; x++)
            {
                bool centre = Math.Abs(x - 320) < 32 && Math.Abs(y - 240) < 32;
                int i = ((y * 640) + x) * 4;
                frame.Pixels[i] = centre ? CameraCentre.R : (byte)20;
                frame.Pixels[i + 1] = centre ? CameraCentre.G : (byte)40;
                frame.Pixels[i + 2] = centre ? CameraCentre.B : (byte)60;
                frame.Pixels[i + 3] = 255;
            }
        }

        return frame;
    }

    /// <summary>A black X-ray with ten confident keypoints in its upper part (clear of the watermark band).</summary>
    private static SynthesisResult Result(float kcc, float confidence = 0.9f)
    {
        var result = new SynthesisResult(128);
        Array.Fill(result.Xray, -1f);
        for (int i = 0; i < SynthesisResult.KeypointCount; i++)
        {
            result.Keypoints[i] = new DetectedKeypoint(20 + (i * 9), 20 + ((i % 4) * 15), confidence);
        }

        result.HasKeypoints = true;
        result.Kcc = kcc;
        result.Angles = new FootAngleMeasurement(23.4, 12.1);
        return result;
    }

    private static KioskScene Scene(float kcc, string hva = "HVA  23.4° ± 0.5°", string ima = "IMA  12.1° ± 0.3°")
    {
        var scene = new KioskScene { Camera = Camera() };
        scene.SetResult(Result(kcc));
        scene.HasReading = true;
        scene.Reading = new StableReading(23.4, 0.5, 12.1, 0.3, 10);
        scene.KccText = $"KCC {kcc:0.00}";
        scene.KccHint = "KCC low";
        scene.HvaText = hva;
        scene.ImaText = ima;
        scene.HvaGradeText = "moderate";
        scene.ImaGradeText = "moderate";
        scene.SamplerText = "4 steps  ·  paper";
        for (int i = 0; i < scene.HudLines.Length; i++)
        {
            scene.HudLines[i] = $"hud line {i}: display 60.0 fps";
        }

        return scene;
    }

    private static byte[] Compose(KioskCompositor compositor, KioskScene scene)
    {
        var pixels = new byte[Width * Height * 4];
        compositor.Compose(scene, pixels, Width, Height);
        return pixels;
    }

    [Fact]
    public void Left_panel_centre_shows_the_camera_centre_colour()
    {
        using var compositor = new KioskCompositor();
        var pixels = Compose(compositor, Scene(0.9f));
        var rect = compositor.CameraRect;
        Assert.False(rect.IsEmpty);
        Assert.True(rect.CenterX < Width / 2, "the camera is on the left");
        Assert.Equal(CameraCentre, ImageAssert.Pixel(pixels, Width, rect.CenterX, rect.CenterY));

        // Aspect kept: 640×480 stays 4:3 within a pixel.
        Assert.InRange(rect.W * 3.0 / (rect.H * 4.0), 0.99, 1.01);
    }

    [Fact]
    public void Skeleton_points_appear_at_the_keypoints_in_their_confidence_colour()
    {
        using var compositor = new KioskCompositor();
        var scene = Scene(0.9f);
        var pixels = Compose(compositor, scene);
        var square = compositor.XrayRect;
        Assert.True(square.X >= Width / 2, "the X-ray is on the right");
        Assert.Equal(square.W, square.H);
        uint green = KioskPalette.Green;
        var expected = ((byte)(green >> 24), (byte)(green >> 16), (byte)(green >> 8));
        foreach (var k in scene.Result!.Keypoints)
        {
            int x = (int)(square.X + (k.X * square.W / 128));
            int y = (int)(square.Y + (k.Y * square.H / 128));
            Assert.Equal(expected, ImageAssert.Pixel(pixels, Width, x, y));
        }

        // An edge between two keypoints is drawn over the black X-ray: its midpoint is not black.
        var a = scene.Result.Keypoints[(int)FootKeypoint.Mt1Base];
        var b = scene.Result.Keypoints[(int)FootKeypoint.Mt1Head];
        int mx = (int)(square.X + ((a.X + b.X) / 2 * square.W / 128));
        int my = (int)(square.Y + ((a.Y + b.Y) / 2 * square.H / 128));
        var mid = ImageAssert.Pixel(pixels, Width, mx, my);
        Assert.True(mid.Item2 > 60, $"edge midpoint {mid} should carry the skeleton colour");
    }

    [Fact]
    public void Low_confidence_keypoints_are_red()
    {
        using var compositor = new KioskCompositor();
        var scene = Scene(0.9f);
        scene.SetResult(Result(0.2f, confidence: 0.3f));
        var pixels = Compose(compositor, scene);
        var square = compositor.XrayRect;
        var k = scene.Result!.Keypoints[0];
        uint red = KioskPalette.Red;
        Assert.Equal(((byte)(red >> 24), (byte)(red >> 16), (byte)(red >> 8)), ImageAssert.Pixel(pixels, Width, (int)(square.X + (k.X * square.W / 128)), (int)(square.Y + (k.Y * square.H / 128))));
    }

    [Fact]
    public void Angles_are_drawn_only_at_or_above_the_clinical_KCC_bar()
    {
        using var compositor = new KioskCompositor();
        var readout = KioskLayout.For(Width, Height).ReadoutArea;

        // Two renders that differ only in the angle texts: above the bar they differ in the readout ...
        var above1 = Compose(compositor, Scene(0.9f, hva: "HVA  10.0° ± 0.1°"));
        var above2 = Compose(compositor, Scene(0.9f, hva: "HVA  44.4° ± 4.4°"));
        Assert.True(ImageAssert.DifferingPixels(above1, above2, Width, readout.X, readout.Y, readout.W, readout.H) > 20);

        // ... below the bar the angle texts are not drawn at all, so the two renders are identical.
        var below1 = Compose(compositor, Scene(0.6f, hva: "HVA  10.0° ± 0.1°"));
        var below2 = Compose(compositor, Scene(0.6f, hva: "HVA  44.4° ± 4.4°"));
        Assert.Equal(0, ImageAssert.DifferingPixels(below1, below2, Width, 0, 0, Width, Height));
        Assert.True(ImageAssert.DifferingPixels(above1, below1, Width, readout.X, readout.Y, readout.W, readout.H) > 100);
        Assert.Equal(ReadoutState.HoldStill, Scene(0.6f).Readout);
        Assert.Equal(ReadoutState.Measured, Scene(0.9f).Readout);
    }

    [Fact]
    public void No_confident_keypoints_asks_for_the_foot()
    {
        var scene = Scene(0.9f);
        scene.SetResult(Result(0.05f, confidence: 0.2f));
        Assert.Equal(ReadoutState.NoFoot, scene.Readout);
    }

    [Fact]
    public void Watermark_is_on_the_xray_panel_even_before_the_first_result()
    {
        using var compositor = new KioskCompositor();
        var empty = new KioskScene();
        var pixels = Compose(compositor, empty);
        var square = compositor.XrayRect;
        int band = square.H / 10;
        Assert.True(ImageAssert.BrightPixels(pixels, Width, square.X, square.Bottom - band, square.W, band) > 100, "watermark text expected at the bottom of the X-ray panel");
    }

    [Fact]
    public void Help_rec_and_frozen_change_the_picture()
    {
        using var compositor = new KioskCompositor();
        var plain = Compose(compositor, Scene(0.9f));
        var scene = Scene(0.9f);
        scene.HelpVisible = true;
        scene.Recording = true;
        scene.Frozen = true;
        var flagged = Compose(compositor, scene);
        var title = KioskLayout.For(Width, Height).Title;
        Assert.True(ImageAssert.DifferingPixels(plain, flagged, Width, title.X, title.Y, title.W, title.H) > 50, "REC/FROZEN chips in the title bar");
        Assert.True(ImageAssert.DifferingPixels(plain, flagged, Width, Width / 3, Height / 3, Width / 3, Height / 3) > 1000, "help overlay in the middle");
        WriteArtifact("kiosk-flags.png", flagged);
    }

    [Fact]
    public void Hovered_keypoint_is_found_and_labelled()
    {
        using var compositor = new KioskCompositor();
        var scene = Scene(0.9f);
        Compose(compositor, scene);
        var square = compositor.XrayRect;
        var k = scene.Result!.Keypoints[3];
        double x = square.X + (k.X * square.W / 128) + 2, y = square.Y + (k.Y * square.H / 128) - 1;
        Assert.Equal(3, compositor.HitTestKeypoint(scene, x, y));
        Assert.Equal(-1, compositor.HitTestKeypoint(scene, 5, 5));
        scene.HoverKeypoint = 3;
        scene.HoverText = "pp1_head   0.90";
        scene.CursorX = x;
        scene.CursorY = y;
        WriteArtifact("kiosk-hover.png", Compose(compositor, scene));
    }

    [Fact]
    public void Steady_state_composition_allocates_nothing()
    {
        using var compositor = new KioskCompositor();
        var scene = Scene(0.9f);
        scene.HelpVisible = true;
        scene.Recording = true;
        scene.HoverKeypoint = 2;
        scene.HoverText = "pp1_base   0.90";
        scene.CursorX = 900;
        scene.CursorY = 200;
        for (int i = 0; i < KioskScene.GraphLength; i++)
        {
            scene.FrameTimes[i] = 16 + (i % 7);
        }

        scene.GraphCount = KioskScene.GraphLength;
        var pixels = new byte[Width * Height * 4];
        compositor.Compose(scene, pixels, Width, Height);
        compositor.Compose(scene, pixels, Width, Height);
        Assert.Equal(0, Allocations.SteadyStateBytes(() => compositor.Compose(scene, pixels, Width, Height), 50));
    }

    [Fact]
    public void Small_windows_still_compose()
    {
        using var compositor = new KioskCompositor();
        var pixels = new byte[320 * 200 * 4];
        compositor.Compose(Scene(0.9f), pixels, 320, 200);
        Assert.True(ImageAssert.DistinctColours(pixels) > 20);
    }

    /// <summary>With SCCDM_TEST_ARTIFACTS set, writes the image there to look at.</summary>
    private static void WriteArtifact(string name, byte[] pixels)
    {
        string? folder = Environment.GetEnvironmentVariable("SCCDM_TEST_ARTIFACTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            Native.Png.PngCodec.Write(Path.Combine(folder, name), pixels, Width, Height, Native.Png.PngPixelFormat.Rgba);
        }
    }
}
