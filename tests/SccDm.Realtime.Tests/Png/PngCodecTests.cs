using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.Tests.Png;

public sealed class PngCodecTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sccdm-png-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(PngPixelFormat.Gray)]
    [InlineData(PngPixelFormat.Rgb)]
    [InlineData(PngPixelFormat.Rgba)]
    public void Encode_decode_round_trip_is_lossless(PngPixelFormat format)
    {
        const int width = 13, height = 7;
        var pixels = Pattern(width * height * PngCodec.ChannelsOf(format));

        var decoded = PngCodec.Decode(PngCodec.Encode(pixels, width, height, format), format);

        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(format, decoded.Format);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData(PngPixelFormat.Gray)]
    [InlineData(PngPixelFormat.Rgb)]
    [InlineData(PngPixelFormat.Rgba)]
    public void Write_read_round_trip_is_lossless_and_leaves_no_temp_file(PngPixelFormat format)
    {
        const int width = 31, height = 5;
        var pixels = Pattern(width * height * PngCodec.ChannelsOf(format));
        string path = Path.Combine(_folder, $"image-{format}.png");

        PngCodec.Write(path, pixels, width, height, format);
        var image = PngCodec.Read(path, format);

        Assert.Equal(pixels, image.Pixels);
        Assert.Equal(width, image.Width);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Reading_converts_between_formats()
    {
        byte[] gray = [0, 128, 255, 64];
        var rgba = PngCodec.Decode(PngCodec.Encode(gray, 2, 2, PngPixelFormat.Gray), PngPixelFormat.Rgba);
        Assert.Equal(16, rgba.Pixels.Length);
        Assert.Equal(4, rgba.Channels);
        Assert.Equal(new byte[] { 128, 128, 128, 255 }, rgba.Pixels[4..8]);
    }

    [Fact]
    public void Missing_file_error_names_the_file()
    {
        string path = Path.Combine(_folder, "missing.png");
        var e = Assert.Throws<PngException>(() => PngCodec.Read(path, PngPixelFormat.Rgb));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Corrupt_file_error_names_the_file_and_libpngs_reason()
    {
        string path = Path.Combine(_folder, "corrupt.png");
        File.WriteAllBytes(path, "this is not a png at all"u8.ToArray());
        var e = Assert.Throws<PngException>(() => PngCodec.Read(path, PngPixelFormat.Rgb));
        Assert.Contains(path, e.Message);
        Assert.True(e.Message.Length > path.Length + 20, e.Message);
    }

    [Fact]
    public void Corrupt_bytes_in_memory_are_an_error()
    {
        var good = PngCodec.Encode(Pattern(8 * 8 * 3), 8, 8, PngPixelFormat.Rgb);
        Assert.Throws<PngException>(() => PngCodec.Decode(good.AsSpan(0, 20), PngPixelFormat.Rgb));
        Assert.Throws<PngException>(() => PngCodec.Decode([1, 2, 3, 4, 5, 6, 7, 8], PngPixelFormat.Rgb));
    }

    [Fact]
    public void Wrong_buffer_size_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PngCodec.Encode(new byte[10], 4, 4, PngPixelFormat.Gray));
        Assert.Contains("16", e.Message);
    }

    [Fact]
    public void Writing_into_a_missing_folder_names_the_file()
    {
        string path = Path.Combine(_folder, "no-such-folder", "x.png");
        var e = Assert.Throws<PngException>(() => PngCodec.Write(path, new byte[4], 2, 2, PngPixelFormat.Gray));
        Assert.Contains(path, e.Message);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 37) ^ (i >> 3));
        }
        return bytes;
    }
}
