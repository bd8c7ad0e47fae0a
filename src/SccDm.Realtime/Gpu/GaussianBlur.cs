using System.Runtime.InteropServices;

namespace SccDm.Realtime.Gpu;

/// <summary>
/// The SCCDM sampler blur on the GPU (shaders/gaussian_blur.comp): 5-tap Gaussian, sigma 1, clamp-to-edge, as two
/// dispatches — horizontal into an owned scratch buffer, then vertical into the destination — separated by a
/// compute→compute barrier. Matches <see cref="Reference.GaussianBlurReference"/>.
/// </summary>
public sealed class GaussianBlur : IDisposable
{
    /// <summary>The shader's local_size_x and local_size_y.</summary>
    public const int LocalSize = 16;

    private readonly ComputeKernel _kernel;
    private readonly GpuBuffer _scratch;
    private readonly GpuBuffer[] _horizontal = new GpuBuffer[2];
    private readonly GpuBuffer[] _vertical = new GpuBuffer[2];
    private int _disposed;

    private GaussianBlur(ComputeKernel kernel, GpuBuffer scratch, int width, int height)
    {
        _kernel = kernel;
        _scratch = scratch;
        Width = width;
        Height = height;
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Creates the kernel and a scratch buffer for <paramref name="width"/> x <paramref name="height"/> float images.</summary>
    public static GaussianBlur Create(GpuDevice device, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var kernel = ComputeKernel.Create(device, "gaussian_blur.comp", bufferCount: 2, pushConstantSize: Marshal.SizeOf<BlurParams>());
        try
        {
            var scratch = GpuBuffer.Create<float>(device, checked(width * height));
            return new GaussianBlur(kernel, scratch, width, height);
        }
        catch
        {
            kernel.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records the blur of <paramref name="source"/> into <paramref name="destination"/> (both Width x Height floats,
    /// and different buffers). Source data written by the host before the submit, or by an earlier dispatch
    /// followed by a barrier, is read correctly. The destination is written by a compute shader: add the barrier
    /// its consumer needs (e.g. <see cref="CommandRecorder.ComputeToHost"/>).
    /// </summary>
    public void Record(CommandRecorder recorder, GpuBuffer source, GpuBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var bytes = (long)Width * Height * sizeof(float);
        if (source.SizeInBytes < bytes || destination.SizeInBytes < bytes)
        {
            throw new ArgumentException($"buffers must hold {Width}x{Height} floats");
        }

        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("source and destination must differ (the vertical pass reads while it writes)");
        }

        var groupsX = ComputeKernel.GroupCount(Width, LocalSize);
        var groupsY = ComputeKernel.GroupCount(Height, LocalSize);

        // Earlier reads of the scratch buffer (a previous Record in this command buffer) must finish before it is rewritten.
        recorder.BufferBarrier(
            _scratch,
            Native.Vulkan.PipelineStageFlags.ComputeShaderBit,
            Native.Vulkan.AccessFlags.ShaderReadBit,
            Native.Vulkan.PipelineStageFlags.ComputeShaderBit,
            Native.Vulkan.AccessFlags.ShaderWriteBit);
        _horizontal[0] = source;
        _horizontal[1] = _scratch;
        _kernel.Record(recorder.CommandBuffer, _horizontal, new BlurParams(Width, Height, 1, 0), groupsX, groupsY, 1);
        recorder.ComputeToCompute(_scratch);
        _vertical[0] = _scratch;
        _vertical[1] = destination;
        _kernel.Record(recorder.CommandBuffer, _vertical, new BlurParams(Width, Height, 0, 1), groupsX, groupsY, 1);

        // Drop the references so the arrays do not keep callers' buffers alive.
        _horizontal[0] = null!;
        _vertical[1] = null!;
    }

    /// <summary>Disposes the scratch buffer and the kernel. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _scratch.Dispose();
        _kernel.Dispose();
    }

    /// <summary>Push constants of gaussian_blur.comp (std430 ints).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct BlurParams(int Width, int Height, int Dx, int Dy);
}
