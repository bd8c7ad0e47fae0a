using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.App.Tests.Verbs;

public class SynthVerbTests
{
    private static string Fixture(string name) => Path.Combine(FixturePaths.Root, name);

    private static string Photo(string dir, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(i * 7 % 251);
        }
        string path = Path.Combine(dir, $"photo-{width}x{height}.png");
        PngCodec.Write(path, rgb, width, height, PngPixelFormat.Rgb);
        return path;
    }

    [Fact]
    public void OnePhotoGivesOneDeterministicXrayAndAnOverlay()
    {
        string dir = Directory.CreateTempSubdirectory("sccdm-synth-").FullName;
        try
        {
            string photo = Photo(dir, 80, 60);
            string a = Path.Combine(dir, "a.png"), b = Path.Combine(dir, "b.png"), overlay = Path.Combine(dir, "o.png");
            Assert.Equal(ExitCodes.Ok, Cli.Run(["synth", "--input", photo, "--out", a, "--model", Fixture("tiny_denoiser.onnx"),
                "--overlay", overlay, "--keypoint-model", Fixture("tiny_keypoints.onnx")]));
            Assert.Equal(ExitCodes.Ok, Cli.Run(["synth", "--input", photo, "--out", b, "--model", Fixture("tiny_denoiser.onnx")]));
            PngImage xray = PngCodec.Read(a, PngPixelFormat.Gray);
            Assert.Equal((32, 32), (xray.Width, xray.Height)); // the fixture model's size
            Assert.Equal(xray.Pixels, PngCodec.Read(b, PngPixelFormat.Gray).Pixels);
            PngImage drawn = PngCodec.Read(overlay, PngPixelFormat.Rgba);
            Assert.Equal(32 * 4, drawn.Width);
            Assert.True(drawn.Height > drawn.Width, "the overlay has no footer for the reading and the disclaimer");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BadInputsGiveClearExitCodes()
    {
        string dir = Directory.CreateTempSubdirectory("sccdm-synth-").FullName;
        try
        {
            string model = Fixture("tiny_denoiser.onnx"), output = Path.Combine(dir, "x.png");
            string notAnImage = Path.Combine(dir, "notes.png");
            File.WriteAllText(notAnImage, "not a picture");
            Assert.Equal(ExitCodes.Io, Cli.Run(["synth", "--input", notAnImage, "--out", output, "--model", model]));
            Assert.Equal(ExitCodes.Usage, Cli.Run(["synth", "--input", Photo(dir, 16, 16), "--out", output, "--model", model]));
            Assert.Equal(ExitCodes.Usage, Cli.Run(["synth", "--input", Photo(dir, 64, 64), "--out", output, "--model", model, "--steps", "1001"]));
            Assert.Equal(ExitCodes.Usage, Cli.Run(["synth", "--input", Photo(dir, 64, 64), "--out", output, "--model", model, "--sampler", "fast"]));
            Assert.Equal(ExitCodes.BadModel, Cli.Run(["synth", "--input", Photo(dir, 64, 64), "--out", output, "--model", Fixture("wrong_contract.onnx")]));
            Assert.False(File.Exists(output));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
