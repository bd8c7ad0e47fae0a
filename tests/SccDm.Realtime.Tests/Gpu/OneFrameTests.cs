using SccDm.Realtime.Gpu;
using SccDm.Realtime.Gpu.Reference;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class OneFrameTests
{
    [Theory]
    [InlineData(64, 48, 64, 48)]
    [InlineData(131, 97, 200, 150)]
    [InlineData(256, 256, 128, 128)]
    public void BlursAndDrawsLikeTheReferences(int width, int height, int outWidth, int outHeight)
    {
        var input = OffscreenRendererTests.Gradient(width, height);
        var blurred = new float[input.Length];
        GaussianBlurReference.Apply(input, blurred, width, height);
        var expected = new byte[outWidth * outHeight * 4];
        PresentGrayReference.Render(blurred, width, height, expected, outWidth, outHeight);

        var device = ValidatedDevice.Create();
        using (device)
        {
            var pixels = OneFrame.Render(device, input, width, height, outWidth, outHeight);
            Assert.Equal(outWidth * outHeight * 4, pixels.Length);
            PixelAssert.Close(expected, pixels, outWidth);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void BlurIsVisibleInTheOutput()
    {
        // A single bright pixel on black: after the blur its neighbours are lifted above black.
        const int size = 9;
        var input = Enumerable.Repeat(-1f, size * size).ToArray();
        input[(4 * size) + 4] = 1f;
        var device = ValidatedDevice.Create();
        using (device)
        {
            var pixels = OneFrame.Render(device, input, size, size, size, size);
            byte Gray(int x, int y) => pixels[((y * size) + x) * 4];
            Assert.InRange(Gray(4, 4), 35, 45);      // 255 * (1 + (2 * 0.4026² - 1)) / 2 ≈ 41
            Assert.InRange(Gray(5, 4), 23, 28);      // weight 0.4026 * 0.2442 → ≈ 25
            Assert.Equal(0, Gray(0, 0));
            Assert.Equal(255, pixels[3]);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void RejectsMismatchedInputLength()
    {
        var device = ValidatedDevice.Create();
        using (device)
        {
            var ex = Assert.Throws<ArgumentException>(() => OneFrame.Render(device, new float[10], 4, 4, 4, 4));
            Assert.Contains("4x4", ex.Message, StringComparison.Ordinal);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }
}
