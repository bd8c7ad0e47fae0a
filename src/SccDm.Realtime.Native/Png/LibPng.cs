using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Png;

/// <summary>libpng16's simplified API (png.h, "simplified API" section).</summary>
internal static unsafe partial class LibPng
{
    private const string Lib = "libpng16.so.16";

    public const uint PNG_IMAGE_VERSION = 1;
    public const uint PNG_FORMAT_FLAG_ALPHA = 0x01;
    public const uint PNG_FORMAT_FLAG_COLOR = 0x02;
    /// <summary>png.h PNG_IMAGE_FLAG_FAST: on write, favour speed over compression (zlib level ~1).</summary>
    public const uint PNG_IMAGE_FLAG_FAST = 0x02;

    /// <summary>png_image, laid out as png.h declares it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct png_image
    {
        public nint opaque;
        public uint version;
        public uint width;
        public uint height;
        public uint format;
        public uint flags;
        public uint colormap_entries;
        public uint warning_or_error;
        public fixed byte message[64];
    }

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int png_image_begin_read_from_file(png_image* image, string fileName);

    [LibraryImport(Lib)]
    public static partial int png_image_begin_read_from_memory(png_image* image, void* memory, nuint size);

    [LibraryImport(Lib)]
    public static partial int png_image_finish_read(png_image* image, void* background, void* buffer, int rowStride, void* colormap);

    [LibraryImport(Lib)]
    public static partial void png_image_free(png_image* image);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int png_image_write_to_file(png_image* image, string file, int convertTo8Bit, void* buffer, int rowStride, void* colormap);

    [LibraryImport(Lib)]
    public static partial int png_image_write_to_memory(png_image* image, void* memory, nuint* memoryBytes, int convertTo8Bit, void* buffer, int rowStride, void* colormap);

    public static string Message(png_image* image)
    {
        var span = new ReadOnlySpan<byte>(image->message, 64);
        int end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
