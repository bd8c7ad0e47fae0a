using System.Text;

namespace SccDm.Realtime.Capture;

/// <summary>
/// The images of a folder source: PNG or JPEG files, sorted by name. Resolved to a glob for ffmpeg's image2
/// demuxer, which fixes the decoder from the first file, so one folder holds one of the two formats.
/// </summary>
/// <param name="Directory">The folder.</param>
/// <param name="Extensions">The extensions (with dot, lower case) of the images that will play.</param>
/// <param name="Count">How many images will play.</param>
public sealed record ImageFolder(string Directory, IReadOnlyList<string> Extensions, int Count)
{
    /// <summary>Looks at <paramref name="directory"/> and picks its images.</summary>
    /// <exception cref="CaptureException">The folder is missing, holds no images, or mixes PNG with JPEG.</exception>
    public static ImageFolder Resolve(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new CaptureException($"image folder not found: {directory}");
        }

        int png = 0;
        int jpeg = 0;
        var jpegExtensions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in System.IO.Directory.EnumerateFiles(directory))
        {
            // Case-sensitive on purpose: glob(3) is, and a count that disagrees with what ffmpeg plays would mislead.
            string extension = Path.GetExtension(file);
            if (extension == ".png")
            {
                png++;
            }
            else if (extension is ".jpg" or ".jpeg")
            {
                jpeg++;
                jpegExtensions.Add(extension);
            }
        }

        if (png == 0 && jpeg == 0)
        {
            throw new CaptureException($"image folder {directory} holds no .png, .jpg or .jpeg files.");
        }

        if (png > 0 && jpeg > 0)
        {
            throw new CaptureException(
                $"image folder {directory} mixes PNG ({png}) and JPEG ({jpeg}) images; put one format in a folder (ffmpeg decodes a folder with one decoder).");
        }

        return png > 0 ? new ImageFolder(directory, [".png"], png) : new ImageFolder(directory, [.. jpegExtensions], jpeg);
    }

    /// <summary>The glob for ffmpeg's <c>-pattern_type glob</c>, with the folder's own glob characters escaped.</summary>
    public string GlobPattern()
    {
        var builder = new StringBuilder();
        foreach (char c in Path.GetFullPath(Directory))
        {
            if (c is '*' or '?' or '[' or ']' or '{' or '}' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        if (builder[^1] != '/')
        {
            builder.Append('/');
        }

        builder.Append('*');
        // Brace expansion (GLOB_BRACE) covers both JPEG spellings; a single extension needs no braces.
        builder.Append(Extensions.Count == 1 ? Extensions[0] : "{" + string.Join(',', Extensions) + "}");
        return builder.ToString();
    }
}
