using System.Text.Json;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Phantom.Tests;

public class DatasetTests
{
    [Fact]
    public void ExportWritesTheReferenceLayout()
    {
        using var dir = new TempDirectory("phantom");
        PhantomDataset.Export(dir.Path, PhantomSplit.Val, 3, 40, 128, 2);
        var folders = Directory.GetDirectories(Path.Combine(dir.Path, "val")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(new[] { "val_000040", "val_000041", "val_000042" }, folders.Select(f => f!).ToArray());
        string sample = Path.Combine(dir.Path, "val", "val_000041");
        var photo = PngCodec.Read(Path.Combine(sample, "original.png"), PngPixelFormat.Rgb);
        var xray = PngCodec.Read(Path.Combine(sample, "xray.png"), PngPixelFormat.Gray);
        Assert.Equal(128, photo.Width);
        Assert.Equal(128, xray.Height);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sample, "keypoints.json")));
        var root = json.RootElement;
        Assert.Equal("val_000041", root.GetProperty("id").GetString());
        Assert.Equal(1_000_000_041, root.GetProperty("seed").GetInt64());
        Assert.Equal(128, root.GetProperty("size").GetInt32());
        Assert.Equal(FootPhantom.Version, root.GetProperty("phantom_version").GetString());
        var names = root.GetProperty("keypoints").EnumerateArray().Select(k => k.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new[] { "mt1_base", "mt1_head", "pp1_base", "pp1_head", "hallux_tip", "mt2_base", "mt2_head", "mt5_base", "mt5_head", "heel" }, names.Select(n => n!).ToArray());
        Assert.True(root.GetProperty("angles").TryGetProperty("hva", out _));
        Assert.True(root.GetProperty("angles").TryGetProperty("ima", out _));
        Assert.Contains(root.GetProperty("grades").GetProperty("ima").GetString(), new[] { "normal", "mild", "moderate", "severe" });
        var p = root.GetProperty("params");
        foreach (string key in new[] { "side", "foot_length_mm", "foot_width_mm", "hva_deg", "ima_deg", "bunion_prominence", "rotation_deg", "scale", "skin_tone", "skin_rgb", "light_azimuth_deg", "background", "camera_noise_sigma", "camera_blur_sigma" })
        {
            Assert.True(p.TryGetProperty(key, out _), $"params.{key} missing");
        }
    }

    [Fact]
    public void SequentialAndParallelExportsAreIdentical()
    {
        using var a = new TempDirectory("phantom");
        using var b = new TempDirectory("phantom");
        PhantomDataset.Export(a.Path, PhantomSplit.Train, 6, 0, 128, 1);
        PhantomDataset.Export(b.Path, PhantomSplit.Train, 6, 0, 128, 4);
        var files = Directory.GetFiles(a.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.Path, f)).Order().ToArray();
        Assert.Equal(18, files.Length);
        foreach (string f in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f)), File.ReadAllBytes(Path.Combine(b.Path, f)));
        }
    }

    [Fact]
    public void SplitsUseDisjointSeedRangesAndIds()
    {
        var seen = new Dictionary<long, PhantomSplit>();
        var ids = new HashSet<string>();
        foreach (var split in new[] { PhantomSplit.Train, PhantomSplit.Val, PhantomSplit.Test })
        {
            foreach (long i in new long[] { 0, 1, 2, 999, 500_000_000, PhantomDataset.SplitSeedRange - 1 })
            {
                long seed = PhantomDataset.SeedFor(split, 0, i);
                Assert.True(seen.TryAdd(seed, split), $"seed {seed} of {split} already used by {(seen.TryGetValue(seed, out var o) ? o : split)}");
                Assert.True(ids.Add(PhantomDataset.IdFor(split, 0, i)));
                Assert.InRange(seed, (long)split * PhantomDataset.SplitSeedRange, ((long)split + 1) * PhantomDataset.SplitSeedRange - 1);
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => PhantomDataset.SeedFor(PhantomSplit.Train, PhantomDataset.SplitSeedRange - 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhantomDataset.SeedFor(PhantomSplit.Train, -1, 0));
        Assert.Equal("test_000123", PhantomDataset.IdFor(PhantomSplit.Test, 100, 23));
    }

    [Fact]
    public void ContactSheetHasOneRowPerSample()
    {
        var samples = new[] { FootPhantom.Generate(1, 128), FootPhantom.Generate(2, 128) };
        var (rgba, width, height) = PhantomContactSheet.Render(samples);
        Assert.Equal(width * height * 4, rgba.Length);
        Assert.True(width >= 3 * 128);
        Assert.True(height >= 2 * 128);

        // The skeleton overlay changes the third tile relative to the plain X-ray tile beside it.
        Assert.Contains(rgba.Where((_, i) => i % 4 == 0), v => v > 200);
    }
}
