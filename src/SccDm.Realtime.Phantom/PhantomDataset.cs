using System.Globalization;
using System.Text.Json;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Native.Png;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// Writes phantom datasets in the reference layout: <c>&lt;out&gt;/&lt;split&gt;/&lt;id&gt;/original.png</c> (RGB photo),
/// <c>xray.png</c> (gray) and <c>keypoints.json</c>.
/// Seeds: split s, base seed b, index i → seed = s × 1,000,000,000 + b + i, with 0 ≤ b + i &lt; 1e9, so the three
/// splits can never share a seed. The id is "&lt;split&gt;_&lt;b + i, six digits or more&gt;": unique per split across runs
/// with different base seeds, and free of personal data.
/// </summary>
public static class PhantomDataset
{
    /// <summary>Width of each split's seed range.</summary>
    public const long SplitSeedRange = 1_000_000_000;

    /// <summary>The folder / id prefix of a split: "train", "val" or "test".</summary>
    public static string SplitName(PhantomSplit split) => split switch
    {
        PhantomSplit.Train => "train",
        PhantomSplit.Val => "val",
        PhantomSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>Parses "train", "val" or "test" (case-insensitive).</summary>
    public static bool TryParseSplit(string? text, out PhantomSplit split)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "train":
                split = PhantomSplit.Train;
                return true;
            case "val":
                split = PhantomSplit.Val;
                return true;
            case "test":
                split = PhantomSplit.Test;
                return true;
            default:
                split = PhantomSplit.Train;
                return false;
        }
    }

    /// <summary>The generator seed of sample <paramref name="index"/> of a split.</summary>
    public static long SeedFor(PhantomSplit split, long baseSeed, long index)
    {
        long offset = baseSeed + index;
        if (baseSeed < 0 || index < 0 || offset >= SplitSeedRange)
        {
            throw new ArgumentOutOfRangeException(nameof(index), offset, $"Base seed + index must lie in [0, {SplitSeedRange}) so splits stay disjoint.");
        }

        return ((long)split * SplitSeedRange) + offset;
    }

    /// <summary>The sample id, e.g. "train_000123".</summary>
    public static string IdFor(PhantomSplit split, long baseSeed, long index)
        => string.Create(CultureInfo.InvariantCulture, $"{SplitName(split)}_{baseSeed + index:D6}");

    /// <summary>keypoints.json for a sample, UTF-8, indented, invariant culture.</summary>
    public static byte[] ToJson(PhantomSample sample, string id)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteNumber("seed", sample.Seed);
            w.WriteNumber("size", sample.Size);
            w.WriteString("phantom_version", FootPhantom.Version);
            w.WriteStartArray("keypoints");
            for (int i = 0; i < FootSkeleton.Count; i++)
            {
                var kp = sample.Keypoints.Points[i];
                w.WriteStartObject();
                w.WriteString("name", FootSkeleton.Names[i]);
                w.WriteNumber("x", Math.Round(kp.X, 4));
                w.WriteNumber("y", Math.Round(kp.Y, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("angles");
            w.WriteNumber("hva", Math.Round(sample.Angles.Hva, 4));
            w.WriteNumber("ima", Math.Round(sample.Angles.Ima, 4));
            w.WriteEndObject();
            w.WriteStartObject("grades");
            w.WriteString("hva", HalluxValgusGrading.NameOf(sample.Angles.HvaGrade));
            w.WriteString("ima", HalluxValgusGrading.NameOf(sample.Angles.ImaGrade));
            w.WriteEndObject();
            w.WritePropertyName("params");
            sample.Parameters.WriteJson(w);
            w.WriteString("coordinates", "pixels, origin top-left, x right, y down, pixel centres at +0.5");
            w.WriteString("note", "Synthetic phantom, not for diagnosis.");
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Writes one sample's folder <paramref name="directory"/> (created if missing).</summary>
    public static void WriteSample(PhantomSample sample, string directory, string id)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Directory.CreateDirectory(directory);
        PngCodec.Write(Path.Combine(directory, "original.png"), sample.Photo, sample.Size, sample.Size, PngPixelFormat.Rgb);
        PngCodec.Write(Path.Combine(directory, "xray.png"), sample.XRay, sample.Size, sample.Size, PngPixelFormat.Gray);
        File.WriteAllBytes(Path.Combine(directory, "keypoints.json"), ToJson(sample, id));
    }

    /// <summary>
    /// Generates and writes <paramref name="count"/> samples of a split under <paramref name="outputDirectory"/>,
    /// in parallel (each sample depends only on its seed, so the files are identical for any parallelism).
    /// <paramref name="progress"/> is called (from worker threads) with the number of samples finished.
    /// </summary>
    public static void Export(string outputDirectory, PhantomSplit split, int count, long baseSeed, int size, int maxDegreeOfParallelism, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ = SeedFor(split, baseSeed, count - 1);
        string splitDir = Path.Combine(outputDirectory, SplitName(split));
        Directory.CreateDirectory(splitDir);
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, count, options, i =>
        {
            long seed = SeedFor(split, baseSeed, i);
            string id = IdFor(split, baseSeed, i);
            var sample = FootPhantom.Generate(seed, size);
            WriteSample(sample, Path.Combine(splitDir, id), id);
            progress?.Invoke(Interlocked.Increment(ref done));
        });
    }
}
