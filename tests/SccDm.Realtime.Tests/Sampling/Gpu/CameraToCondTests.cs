using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.Tests.Sampling.Gpu;

/// <summary>Known cases of the camera → cond letterbox (the C# reference; the shader is tested against it).</summary>
public sealed class CameraToCondTests
{
    [Fact]
    public void AFourByThreeWhiteFrameLeavesBlackBandsTopAndBottomAndPlusOneInside()
    {
        const int size = 32;
        var rgba = new byte[640 * 480 * 4];
        Array.Fill(rgba, (byte)255);
        var cond = new float[size * size];
        CameraToCond.Apply(rgba, 640, 480, cond, size);

        var layout = LetterboxLayout.For(640, 480, size);
        Assert.Equal((32, 24, 0, 4), (layout.ContentWidth, layout.ContentHeight, layout.OffsetX, layout.OffsetY));
        for (int y = 0; y < size; y++)
        {
            bool band = y < 4 || y >= 28;
            for (int x = 0; x < size; x++)
            {
                float v = cond[y * size + x];
                if (band)
                {
                    Assert.Equal(-1f, v);
                }
                else
                {
                    Assert.True(Math.Abs(v - 1f) <= 1e-6f, $"({x},{y}) = {v}, expected +1");
                }
            }
        }
    }

    [Fact]
    public void APortraitFrameLeavesBandsLeftAndRight()
    {
        var rgba = new byte[30 * 60 * 4];
        Array.Fill(rgba, (byte)255);
        var cond = new float[16 * 16];
        CameraToCond.Apply(rgba, 30, 60, cond, 16);
        for (int y = 0; y < 16; y++)
        {
            Assert.Equal(-1f, cond[y * 16 + 3]);
            Assert.True(cond[y * 16 + 4] > 0.999f);
            Assert.True(cond[y * 16 + 11] > 0.999f);
            Assert.Equal(-1f, cond[y * 16 + 12]);
        }
    }

    [Fact]
    public void ACentreCropKeepsTheMiddleSquareOfALandscapeFrame()
    {
        // 640×480: the centre 480×480 is white, the 80-column strips either side are black.
        var frame = new byte[640 * 480 * 4];
        for (int y = 0; y < 480; y++)
        {
            for (int x = 80; x < 560; x++)
            {
                frame.AsSpan((y * 640 + x) * 4, 4).Fill(255);
            }
        }
        const int size = 64;
        LetterboxLayout layout = LetterboxLayout.For(640, 480, size, FrameFit.CenterCrop);
        Assert.Equal(size, layout.ContentHeight);
        Assert.Equal(85, layout.ContentWidth); // 640·64/480 = 85.3
        Assert.True(layout.OffsetX < 0);
        var cond = new float[size * size];
        CameraToCond.Apply(frame, 640, 480, cond, size, FrameFit.CenterCrop);
        // No padding anywhere, and only the outermost columns may touch the black strips through the bilinear taps.
        for (int y = 0; y < size; y++)
        {
            for (int x = 1; x < size - 1; x++)
            {
                Assert.Equal(1f, cond[y * size + x], 5);
            }
        }
        // The same frame letterboxed does show black: at the left edge of the content and in the bands.
        CameraToCond.Apply(frame, 640, 480, cond, size, FrameFit.Letterbox);
        Assert.Equal(-1f, cond[0]);
    }

    [Fact]
    public void GrayIsTheTrainingLuma()
    {
        // dataset.py: c = (0.299·R + 0.587·G + 0.114·B)/127.5 − 1 in float32.
        Assert.Equal((0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 127.5f - 1f, CameraToCond.Gray(200, 100, 50));
        Assert.Equal(-1f, CameraToCond.Gray(0, 0, 0));
        Assert.True(Math.Abs(CameraToCond.Gray(255, 255, 255) - 1f) < 1e-6f);
    }

    [Fact]
    public void AnIdentitySizedFrameIsCopiedPixelForPixel()
    {
        var rgba = new byte[8 * 8 * 4];
        new Random(3).NextBytes(rgba);
        var cond = new float[64];
        CameraToCond.Apply(rgba, 8, 8, cond, 8);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(CameraToCond.Gray(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]), cond[i]);
        }
    }
}
