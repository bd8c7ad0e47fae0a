namespace SccDm.Realtime.Gpu;

/// <summary>
/// The end-to-end path of <c>sccdm frame</c>: upload a float image (row-major, values in [-1, 1]), blur it with the
/// SCCDM Gaussian on the GPU (<see cref="GaussianBlur"/>), draw it as grayscale at the output size
/// (<see cref="OffscreenRenderer"/>) and read back RGBA8 — one command buffer, one submit.
/// </summary>
public static class OneFrame
{
    /// <summary>
    /// Renders one frame and returns outWidth x outHeight x 4 RGBA bytes, rows top to bottom. Creates and releases
    /// its GPU objects on each call (a CLI-sized path; a render loop should keep the objects).
    /// </summary>
    /// <param name="device">The device to run on.</param>
    /// <param name="input">width x height floats, row-major, nominally in [-1, 1] (clamped when drawn).</param>
    /// <param name="width">Input width in pixels.</param>
    /// <param name="height">Input height in pixels.</param>
    /// <param name="outWidth">Output width in pixels (bilinear resampling).</param>
    /// <param name="outHeight">Output height in pixels.</param>
    public static byte[] Render(GpuDevice device, ReadOnlySpan<float> input, int width, int height, int outWidth, int outHeight)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outHeight, 1);
        var count = checked(width * height);
        if (input.Length != count)
        {
            throw new ArgumentException($"input has {input.Length} values, expected {width}x{height} = {count}", nameof(input));
        }

        using var source = GpuBuffer.Create<float>(device, count);
        using var blurred = GpuBuffer.Create<float>(device, count);
        using var blur = GaussianBlur.Create(device, width, height);
        using var renderer = OffscreenRenderer.Create(device, outWidth, outHeight);
        using var recorder = CommandRecorder.Create(device);

        // Host writes to coherent memory before vkQueueSubmit are visible to the device without a barrier.
        input.CopyTo(source.AsSpan<float>());
        recorder.Begin();
        blur.Record(recorder, source, blurred);
        recorder.ComputeToFragment(blurred);
        renderer.Record(recorder, blurred, width, height);
        recorder.SubmitAndWait();
        return renderer.ReadPixels();
    }
}
