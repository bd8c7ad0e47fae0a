using System.Diagnostics;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Gpu.Reference;
using Xunit.Abstractions;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class GaussianBlurGpuTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(131, 97)]
    [InlineData(256, 256)]
    [InlineData(1, 1)]
    [InlineData(3, 40)]
    public void MatchesReferenceOnRandomInput(int width, int height)
    {
        var seed = Random.Shared.Next();
        var input = RandomImage(width, height, seed);
        var expected = new float[input.Length];
        var reference = Stopwatch.StartNew();
        GaussianBlurReference.Apply(input, expected, width, height);
        reference.Stop();

        var device = ValidatedDevice.Create();
        using (device)
        {
            using var source = GpuBuffer.Create<float>(device, input.Length);
            using var destination = GpuBuffer.Create<float>(device, input.Length);
            using var blur = GaussianBlur.Create(device, width, height);
            using var recorder = CommandRecorder.Create(device);
            input.CopyTo(source.AsSpan<float>());
            destination.AsSpan<float>().Fill(float.NaN);

            var gpu = Stopwatch.StartNew();
            recorder.Begin();
            blur.Record(recorder, source, destination);
            recorder.ComputeToHost(destination);
            recorder.SubmitAndWait();
            gpu.Stop();

            var diff = MaxAbsDiff(expected, destination.AsSpan<float>());
            Assert.True(diff <= Tolerance, $"{width}x{height} seed {seed}: max |gpu - reference| = {diff}");
            output.WriteLine($"{width}x{height} on {device.DeviceName}: record+submit+wait {gpu.Elapsed.TotalMilliseconds:F2} ms (first use), C# reference {reference.Elapsed.TotalMilliseconds:F2} ms, max diff {diff:E2}");
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void ChainedBlursInOneCommandBufferMatchReferenceAppliedTwice()
    {
        const int width = 50, height = 33;
        var seed = Random.Shared.Next();
        var input = RandomImage(width, height, seed);
        var once = new float[input.Length];
        var twice = new float[input.Length];
        GaussianBlurReference.Apply(input, once, width, height);
        GaussianBlurReference.Apply(once, twice, width, height);

        var device = ValidatedDevice.Create();
        using (device)
        {
            using var a = GpuBuffer.Create<float>(device, input.Length);
            using var b = GpuBuffer.Create<float>(device, input.Length);
            using var c = GpuBuffer.Create<float>(device, input.Length);
            using var blur = GaussianBlur.Create(device, width, height);
            using var recorder = CommandRecorder.Create(device);
            input.CopyTo(a.AsSpan<float>());

            // Four dispatches; the second blur reuses the scratch buffer and reads what the first one wrote.
            recorder.Begin();
            blur.Record(recorder, a, b);
            recorder.ComputeToCompute(b);
            blur.Record(recorder, b, c);
            recorder.ComputeToHost(b);
            recorder.ComputeToHost(c);
            recorder.SubmitAndWait();

            Assert.True(MaxAbsDiff(once, b.AsSpan<float>()) <= Tolerance, $"seed {seed}: first blur");
            Assert.True(MaxAbsDiff(twice, c.AsSpan<float>()) <= Tolerance, $"seed {seed}: second blur");
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void SteadyStateFramesAllocateNothingAndStayCorrect()
    {
        const int width = 64, height = 48;
        var device = ValidatedDevice.Create();
        using (device)
        {
            using var source = GpuBuffer.Create<float>(device, width * height);
            using var destination = GpuBuffer.Create<float>(device, width * height);
            using var blur = GaussianBlur.Create(device, width, height);
            using var recorder = CommandRecorder.Create(device);
            var expected = new float[width * height];

            void Frame()
            {
                recorder.Begin();
                blur.Record(recorder, source, destination);
                recorder.ComputeToHost(destination);
                recorder.SubmitAndWait();
            }

            Frame(); // warm-up: descriptor sets are allocated here
            Assert.Equal(0, Allocations.SteadyStateBytes(Frame, 10));

            // New data through the same cached descriptors.
            var input = RandomImage(width, height, 99);
            input.CopyTo(source.AsSpan<float>());
            Frame();
            GaussianBlurReference.Apply(input, expected, width, height);
            Assert.True(MaxAbsDiff(expected, destination.AsSpan<float>()) <= Tolerance);

            var timer = Stopwatch.StartNew();
            const int frames = 20;
            for (var i = 0; i < frames; i++)
            {
                Frame();
            }

            output.WriteLine($"{width}x{height}: {timer.Elapsed.TotalMilliseconds / frames:F3} ms per steady-state frame on {device.DeviceName}");
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    internal static float[] RandomImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new float[width * height];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (random.NextSingle() * 2f) - 1f;
        }

        return image;
    }

    internal static float MaxAbsDiff(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            var d = MathF.Abs(expected[i] - actual[i]);
            if (float.IsNaN(d))
            {
                return float.NaN; // NaN never passes "<= tolerance"
            }

            max = MathF.Max(max, d);
        }

        return max;
    }
}
