namespace SccDm.Realtime.Native.Png;

/// <summary>Reads and writes 8-bit PNG files through libpng's simplified API.</summary>
public static unsafe class PngCodec
{
    /// <summary>Bytes per pixel of a format.</summary>
    public static int ChannelsOf(PngPixelFormat format) => format switch
    {
        PngPixelFormat.Gray => 1,
        PngPixelFormat.Rgb => 3,
        PngPixelFormat.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown PNG pixel format"),
    };

    /// <summary>Reads a PNG file, converting it to <paramref name="format"/>.</summary>
    /// <exception cref="PngException">The file is missing, unreadable or not a PNG.</exception>
    public static PngImage Read(string path, PngPixelFormat format)
    {
        if (!File.Exists(path))
        {
            throw new PngException($"PNG file not found: {path}");
        }

        LibPng.png_image image = default;
        image.version = LibPng.PNG_IMAGE_VERSION;
        try
        {
            if (LibPng.png_image_begin_read_from_file(&image, path) == 0)
            {
                throw new PngException($"Could not read PNG {path}: {LibPng.Message(&image)}");
            }
            return Finish(&image, format, path);
        }
        catch (DllNotFoundException e)
        {
            throw new PngException("libpng16.so.16 is missing: install the Debian package libpng16-16 (run .ci/setup).", e);
        }
        finally
        {
            LibPng.png_image_free(&image);
        }
    }

    /// <summary>Decodes a PNG held in memory, converting it to <paramref name="format"/>.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> data, PngPixelFormat format)
    {
        LibPng.png_image image = default;
        image.version = LibPng.PNG_IMAGE_VERSION;
        try
        {
            fixed (byte* p = data)
            {
                if (LibPng.png_image_begin_read_from_memory(&image, p, (nuint)data.Length) == 0)
                {
                    throw new PngException($"Could not decode PNG from memory: {LibPng.Message(&image)}");
                }
                return Finish(&image, format, "<memory>");
            }
        }
        finally
        {
            LibPng.png_image_free(&image);
        }
    }

    private static PngImage Finish(LibPng.png_image* image, PngPixelFormat format, string what)
    {
        image->format = (uint)format;
        int channels = ChannelsOf(format);
        var pixels = new byte[checked((int)image->width * (int)image->height * channels)];
        fixed (byte* dst = pixels)
        {
            if (LibPng.png_image_finish_read(image, null, dst, 0, null) == 0)
            {
                throw new PngException($"Could not decode PNG {what}: {LibPng.Message(image)}");
            }
        }
        return new PngImage((int)image->width, (int)image->height, format, pixels);
    }

    /// <summary>Writes tightly packed 8-bit pixels to a PNG file, replacing it atomically.</summary>
    /// <exception cref="PngException">libpng failed, e.g. the folder does not exist or the disk is full.</exception>
    public static void Write(string path, ReadOnlySpan<byte> pixels, int width, int height, PngPixelFormat format)
    {
        byte[] encoded = Encode(pixels, width, height, format);
        string temp = path + ".tmp";
        try
        {
            File.WriteAllBytes(temp, encoded);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temp);
            throw new PngException($"Could not write PNG {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new PngException($"Could not write PNG {path}: {e.Message}", e);
        }
    }

    /// <summary>Encodes tightly packed 8-bit pixels as PNG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngPixelFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int channels = ChannelsOf(format);
        if (pixels.Length != width * height * channels)
        {
            throw new ArgumentException($"expected {width}x{height}x{channels} = {width * height * channels} bytes, got {pixels.Length}", nameof(pixels));
        }

        LibPng.png_image image = default;
        image.version = LibPng.PNG_IMAGE_VERSION;
        image.width = (uint)width;
        image.height = (uint)height;
        image.format = (uint)format;
        // Datasets write thousands of PNGs; default zlib effort made encoding the bottleneck of `sccdm phantom`.
        image.flags = LibPng.PNG_IMAGE_FLAG_FAST;
        fixed (byte* src = pixels)
        {
            nuint size = 0;
            if (LibPng.png_image_write_to_memory(&image, null, &size, 0, src, 0, null) == 0)
            {
                throw new PngException($"Could not encode PNG: {LibPng.Message(&image)}");
            }
            var buffer = new byte[(int)size];
            fixed (byte* dst = buffer)
            {
                if (LibPng.png_image_write_to_memory(&image, dst, &size, 0, src, 0, null) == 0)
                {
                    throw new PngException($"Could not encode PNG: {LibPng.Message(&image)}");
                }
            }
            return buffer.Length == (int)size ? buffer : buffer[..(int)size];
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
