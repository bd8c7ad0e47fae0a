using System.Runtime.InteropServices;
using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// The decoder's multi-scale feature summaries F_t^l on the device: every level in one storage buffer at its own
/// 64-byte-aligned offset (so ORT can write each <c>feat_l</c> output straight into it), a constant level table
/// (offset, size, and the scale from the output size to the level as the C# reference computes it) and a small
/// buffer for the per-level min/max that FuseMultiScale's first pass writes. See shaders/include/feature_levels.glsl.
/// </summary>
public sealed class FeatureStack : IDisposable
{
    /// <summary>Most levels the shaders support (MAX_FEATURE_LEVELS).</summary>
    public const int MaxLevels = 8;

    // 16 floats = 64 bytes: ORT's preferred alignment for tensor data.
    private const int AlignmentFloats = 16;

    private readonly (int Width, int Height)[] _sizes;
    private readonly int[] _offsets;
    private int _disposed;

    private FeatureStack((int Width, int Height)[] sizes, int[] offsets, GpuBuffer features, GpuBuffer levelTable, GpuBuffer minMax, int outputWidth, int outputHeight)
    {
        _sizes = sizes;
        _offsets = offsets;
        Features = features;
        LevelTable = levelTable;
        MinMax = minMax;
        OutputWidth = outputWidth;
        OutputHeight = outputHeight;
    }

    /// <summary>Number of levels L.</summary>
    public int LevelCount => _sizes.Length;

    /// <summary>Width of the fused mask.</summary>
    public int OutputWidth { get; }

    /// <summary>Height of the fused mask.</summary>
    public int OutputHeight { get; }

    /// <summary>All levels' values (binding 0 of both fusion kernels).</summary>
    public GpuBuffer Features { get; }

    /// <summary>The level table (binding 1), written once at creation.</summary>
    public GpuBuffer LevelTable { get; }

    /// <summary>min, max per level (written by fuse_multiscale_minmax.comp).</summary>
    public GpuBuffer MinMax { get; }

    /// <summary>Creates the buffers for <paramref name="levels"/> (W_l, H_l) fused to <paramref name="outputWidth"/> × <paramref name="outputHeight"/>.</summary>
    public static FeatureStack Create(GpuDevice device, IReadOnlyList<(int Width, int Height)> levels, int outputWidth, int outputHeight)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count is 0 or > MaxLevels)
        {
            throw new ArgumentException($"FuseMultiScale on the GPU takes 1…{MaxLevels} feature levels, got {levels.Count}", nameof(levels));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputHeight);

        var sizes = levels.ToArray();
        var offsets = new int[sizes.Length];
        int total = 0;
        for (int l = 0; l < sizes.Length; l++)
        {
            (int w, int h) = sizes[l];
            if (w < 1 || h < 1)
            {
                throw new ArgumentException($"feature level {l} has size {w}×{h}", nameof(levels));
            }
            offsets[l] = total;
            total = checked(total + ((w * h) + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats);
        }

        var created = new List<GpuBuffer>(3);
        try
        {
            var features = Track(created, GpuBuffer.Create<float>(device, total));
            var table = Track(created, GpuBuffer.Create<LevelEntry>(device, sizes.Length));
            var minMax = Track(created, GpuBuffer.Create<float>(device, 2 * sizes.Length));
            Span<LevelEntry> entries = table.AsSpan<LevelEntry>();
            for (int l = 0; l < sizes.Length; l++)
            {
                (int w, int h) = sizes[l];
                // The same float divisions as SamplerMath.FuseMultiScale: sx = (float)W_l / W.
                entries[l] = new LevelEntry(offsets[l], w, h, (float)w / outputWidth, (float)h / outputHeight);
            }
            return new FeatureStack(sizes, offsets, features, table, minMax, outputWidth, outputHeight);
        }
        catch
        {
            for (int i = created.Count - 1; i >= 0; i--)
            {
                created[i].Dispose();
            }
            throw;
        }
    }

    /// <summary>(W_l, H_l) of level <paramref name="level"/>.</summary>
    public (int Width, int Height) LevelSize(int level) => _sizes[level];

    /// <summary>Byte offset of level <paramref name="level"/> in <see cref="Features"/>.</summary>
    public long LevelByteOffset(int level) => (long)_offsets[level] * sizeof(float);

    /// <summary>Host address of level <paramref name="level"/>'s first value (for binding it as an ORT tensor).</summary>
    public nint LevelPointer(int level) => Features.MappedPointer + (nint)LevelByteOffset(level);

    /// <summary>The mapped values of level <paramref name="level"/> (W_l·H_l floats).</summary>
    public Span<float> Level(int level)
    {
        (int w, int h) = _sizes[level];
        return Features.AsSpan<float>().Slice(_offsets[level], w * h);
    }

    /// <summary>Disposes the buffers in reverse order of creation. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        MinMax.Dispose();
        LevelTable.Dispose();
        Features.Dispose();
    }

    private static GpuBuffer Track(List<GpuBuffer> created, GpuBuffer buffer)
    {
        created.Add(buffer);
        return buffer;
    }

    /// <summary>One FeatureLevel of include/feature_levels.glsl (std430, 32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private readonly record struct LevelEntry(int Offset, int Width, int Height, float ScaleX, float ScaleY);
}
