using System.Diagnostics;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Gpu.Reference;
using SccDm.Realtime.Native.Vulkan;
using Xunit.Abstractions;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class TimestampQueryTests(ITestOutputHelper output)
{
    /// <summary>
    /// Exercises vkCmdResetQueryPool / vkCmdWriteTimestamp / vkGetQueryPoolResults around the blur and reports the
    /// blur's GPU time next to the C# reference (informational: this machine is shared, numbers are noisy).
    /// </summary>
    [Fact]
    public unsafe void TimestampsBracketTheBlurDispatches()
    {
        const int width = 256, height = 256, frames = 5;
        var input = GaussianBlurGpuTests.RandomImage(width, height, 7);
        var expected = new float[input.Length];
        var device = ValidatedDevice.Create();
        using (device)
        {
            Assert.True(device.TimestampValidBits > 0, $"{device.DeviceName}: queue has no timestamp support");
            using var source = GpuBuffer.Create<float>(device, input.Length);
            using var destination = GpuBuffer.Create<float>(device, input.Length);
            using var blur = GaussianBlur.Create(device, width, height);
            using var recorder = CommandRecorder.Create(device);
            input.CopyTo(source.AsSpan<float>());
            var vk = device.Vk;
            var poolInfo = new QueryPoolCreateInfo { QueryType = QueryType.Timestamp, QueryCount = 2 };
            vk.CreateQueryPool(device.Device, in poolInfo, null, out var pool).Check("vkCreateQueryPool");
            try
            {
                var timestamps = stackalloc ulong[2];
                var gpuMs = new List<double>();
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < frames; i++)
                {
                    var cmd = recorder.Begin();
                    vk.CmdResetQueryPool(cmd, pool, 0, 2);
                    vk.CmdWriteTimestamp(cmd, PipelineStageFlags.TopOfPipeBit, pool, 0);
                    blur.Record(recorder, source, destination);
                    vk.CmdWriteTimestamp(cmd, PipelineStageFlags.BottomOfPipeBit, pool, 1);
                    recorder.ComputeToHost(destination);
                    recorder.SubmitAndWait();
                    vk.GetQueryPoolResults(device.Device, pool, 0, 2, 2 * sizeof(ulong), timestamps, sizeof(ulong), QueryResultFlags.Result64Bit | QueryResultFlags.WaitBit)
                        .Check("vkGetQueryPoolResults");
                    Assert.True(timestamps[1] >= timestamps[0], $"end {timestamps[1]} < start {timestamps[0]}");
                    gpuMs.Add((timestamps[1] - timestamps[0]) * device.TimestampPeriodNanoseconds / 1e6);
                }

                var wallMs = wall.Elapsed.TotalMilliseconds / frames;
                var cpu = Stopwatch.StartNew();
                GaussianBlurReference.Apply(input, expected, width, height);
                var cpuMs = cpu.Elapsed.TotalMilliseconds;
                Assert.True(GaussianBlurGpuTests.MaxAbsDiff(expected, destination.AsSpan<float>()) <= 1e-5f);
                Assert.Contains(gpuMs, ms => ms > 0);
                output.WriteLine(
                    $"{width}x{height} blur on {device.DeviceName} (validation on): GPU timestamps median {gpuMs.Order().ElementAt(frames / 2):F2} ms, " +
                    $"submit+wait {wallMs:F2} ms/frame; C# reference {cpuMs:F2} ms");
            }
            finally
            {
                vk.DestroyQueryPool(device.Device, pool, null);
            }
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }
}
