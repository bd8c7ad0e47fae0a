using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.App.Tests.Verbs;

public class FrameVerbTests
{
    [Fact]
    public void WritesANonUniformPngThroughOrtVulkanComputeAndGraphicsWithNoValidationMessages()
    {
        string png = Path.Combine(Path.GetTempPath(), $"sccdm-frame-{Guid.NewGuid():N}.png");
        try
        {
            // --validation makes the verb fail on any validation-layer message.
            Assert.Equal(ExitCodes.Ok, Cli.Run(["frame", "--out", png, "--size", "64", "--validation"]));
            PngImage image = PngCodec.Read(png, PngPixelFormat.Gray);
            Assert.Equal(128, image.Width);
            Assert.Equal(64, image.Height);
            Assert.True(image.Pixels.Max() - image.Pixels.Min() > 40, "the frame is nearly uniform");
            // The two panels differ: the right one is the network's output, not a copy of the input.
            int differing = 0;
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    differing += Math.Abs(image.Pixels[y * 128 + x] - image.Pixels[y * 128 + 64 + x]) > 8 ? 1 : 0;
                }
            }
            Assert.True(differing > 64 * 64 / 4, $"only {differing} pixels differ between input and output");
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Theory]
    [InlineData("wrong_contract.onnx", ExitCodes.BadModel)]
    [InlineData("truncated.onnx", ExitCodes.BadModel)]
    [InlineData("does_not_exist.onnx", ExitCodes.BadModel)]
    public void BadModelsGiveTheirExitCode(string fixture, int expected)
    {
        string model = Path.Combine(FixturePaths.Root, fixture);
        string png = Path.Combine(Path.GetTempPath(), $"sccdm-frame-{Guid.NewGuid():N}.png");
        Assert.Equal(expected, Cli.Run(["frame", "--model", model, "--out", png]));
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void UnknownVerbsAndBadValuesAreUsageErrors()
    {
        Assert.Equal(ExitCodes.Usage, Cli.Run(["no-such-verb"]));
        Assert.Equal(ExitCodes.Usage, Cli.Run(["frame", "--size", "5"]));
    }

    [Fact]
    public void UnwritableOutputIsAFileError()
        => Assert.Equal(ExitCodes.Io, Cli.Run(["frame", "--out", "/proc/definitely/not/here.png", "--size", "32"]));
}
