using SccDm.Realtime.Gpu;
using SccDm.Realtime.Gpu.Reference;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class OffscreenRendererTests
{
    [Fact]
    public void SameSizeMapsMinusOneToBlackAndOneToWhiteRowsTopDown()
    {
        // 4x2 input, drawn 1:1: top row -1, -0.5, 0, 1 ; bottom row 1, 0.5, 0, -1. Values outside [-1, 1] clamp.
        float[] input = [-1f, -0.5f, 0f, 1f, 1f, 0.5f, 0f, -3f];
        byte[] grays = [0, 64, 128, 255, 255, 191, 128, 0];
        var device = ValidatedDevice.Create();
        using (device)
        {
            using var source = GpuBuffer.Create<float>(device, input.Length);
            using var renderer = OffscreenRenderer.Create(device, 4, 2);
            using var recorder = CommandRecorder.Create(device);
            input.CopyTo(source.AsSpan<float>());
            var pixels = renderer.Render(recorder, source, 4, 2);

            var expected = grays.SelectMany(g => new[] { g, g, g, (byte)255 }).ToArray();
            PixelAssert.Close(expected, pixels, 4);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Theory]
    [InlineData(40, 30, 40, 30)]
    [InlineData(40, 30, 97, 61)]
    [InlineData(131, 97, 64, 48)]
    public void GradientMatchesReferenceWhenResampled(int srcWidth, int srcHeight, int dstWidth, int dstHeight)
    {
        var input = Gradient(srcWidth, srcHeight);
        var expected = new byte[dstWidth * dstHeight * 4];
        PresentGrayReference.Render(input, srcWidth, srcHeight, expected, dstWidth, dstHeight);

        var device = ValidatedDevice.Create();
        using (device)
        {
            using var source = GpuBuffer.Create<float>(device, input.Length);
            using var renderer = OffscreenRenderer.Create(device, dstWidth, dstHeight);
            using var recorder = CommandRecorder.Create(device);
            input.CopyTo(source.AsSpan<float>());

            // Twice through the same renderer: the second frame exercises the copy→render hazard across frames.
            renderer.Render(recorder, source, srcWidth, srcHeight);
            var pixels = renderer.Render(recorder, source, srcWidth, srcHeight);
            PixelAssert.Close(expected, pixels, dstWidth);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    /// <summary>A diagonal ramp from -1 (top left) to 1 (bottom right) with a horizontal ripple, so rows and columns differ.</summary>
    internal static float[] Gradient(int width, int height)
    {
        var image = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = (x + y) / (float)Math.Max(1, width + height - 2);
                image[(y * width) + x] = (2f * t) - 1f + (0.1f * MathF.Sin(x * 0.7f));
            }
        }

        return image;
    }
}
