using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>Bad input through the C# API: every misuse throws a <see cref="RendererException"/> with its status; nothing crashes.</summary>
public class XrayRendererRulesTests
{
    private static RendererStatus StatusOf(Action action) => Assert.Throws<RendererException>(action).Status;

    [Fact]
    public void BadOptionsAndHandlesAreRefusedBeforeAnythingIsCreated()
    {
        Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => XrayRenderer.Create(null!)));
        Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => XrayRenderer.Create(new XrayRendererOptions())));
        Assert.Equal(RendererStatus.Model, StatusOf(() => XrayRenderer.Create(new XrayRendererOptions { DenoiserModelPath = "/nonexistent.onnx" })));
        Assert.Equal(RendererStatus.Model, StatusOf(() => XrayRenderer.Create(new XrayRendererOptions { DenoiserModelPath = Models.TinyDenoiser, KeypointModelPath = "/missing.onnx" })));
        Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            Sampler = new RendererSamplerSettings { SimilarityThreshold = float.NaN },
        })));
        var e = Assert.Throws<RendererException>(() => XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            Vulkan = new GpuExternalHandles(0x10, 0x20, 0x30, 0, 0),
        }));
        Assert.Equal(RendererStatus.InvalidArgument, e.Status);
        Assert.Contains("does not point at a live Vulkan object", e.Message);
        Assert.DoesNotContain("(Parameter", e.Message);

        e = Assert.Throws<RendererException>(() => XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            Sampler = new RendererSamplerSettings { Steps = 1001 },
        }));
        Assert.Equal(RendererStatus.InvalidArgument, e.Status);
        Assert.Contains("steps 1001", e.Message);
    }

    [Fact]
    public void AQueueFamilyWithoutComputeIsRefusedWithAStatusAndAMessage()
    {
        // Every family of lavapipe (and of every GPU here) has compute: the check runs on made-up properties, the
        // same call FromExternal makes on the device's, and its exception becomes the status the C ABI returns.
        QueueFamilyProperties[] families =
        [
            new() { QueueFlags = QueueFlags.GraphicsBit | QueueFlags.ComputeBit | QueueFlags.TransferBit, QueueCount = 1 },
            new() { QueueFlags = QueueFlags.TransferBit, QueueCount = 2 },
        ];
        GpuDevice.CheckQueue(families, 0, 0, "test GPU");
        var e = RendererException.From(Assert.Throws<ArgumentException>(() => GpuDevice.CheckQueue(families, 1, 0, "test GPU")), "cannot create the renderer");
        Assert.Equal(RendererStatus.InvalidArgument, e.Status);
        Assert.Equal("cannot create the renderer: queue family 1 has no compute support (TransferBit): pass a family with VK_QUEUE_COMPUTE_BIT", e.Message);
        Assert.Contains("queue family 2 does not exist: test GPU has 2", Assert.Throws<ArgumentException>(() => GpuDevice.CheckQueue(families, 2, 0, "test GPU")).Message);
        Assert.Contains("queue index 1 is out of range", Assert.Throws<ArgumentException>(() => GpuDevice.CheckQueue(families, 0, 1, "test GPU")).Message);
    }

    [Fact]
    public void AHostsOwnSynthesizerRunsWithoutAVulkanDeviceAndIsDisposedWithTheRenderer()
    {
        var mixed = new GrayFillSynthesizer();
        var e = Assert.Throws<RendererException>(() => XrayRenderer.Create(new XrayRendererOptions { Synthesizer = mixed, DenoiserModelPath = Models.TinyDenoiser }));
        Assert.Equal(RendererStatus.InvalidArgument, e.Status);
        Assert.Contains("either your own Synthesizer or the model paths", e.Message);
        Assert.True(mixed.Disposed); // taken over even when Create fails: nothing is left behind

        var synthesizer = new GrayFillSynthesizer();
        var renderer = XrayRenderer.Create(new XrayRendererOptions { Synthesizer = synthesizer, Output = RendererOutput.None });
        CameraFrame camera = PhantomFrames.Render(1)[0];
        camera.Sequence = 41;
        try
        {
            Assert.Same(synthesizer.Info, renderer.Info);
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => renderer.PushFrame(1234, RendererImageFormat.Rgba8, 1, PhantomFrames.Width, PhantomFrames.Height)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame((CameraFrame)null!)));
            renderer.PushFrame(camera);
            Assert.True(renderer.TryAcquire(TimeSpan.FromMinutes(2), out var frame));
            Assert.Equal((0ul, 0ul, 0, 0), (frame!.Image, frame.Fence, frame.Width, frame.Height)); // no image: RendererOutput.None
            Assert.Equal(41, frame.FrameId); // the camera's own sequence
            Assert.Equal(camera.CaptureTimestamp, frame.PushTimestamp);
            Assert.InRange(frame.StartedTimestamp, frame.PushTimestamp, frame.CompletedTimestamp);
            var copy = new SynthesisResult(frame.XraySize);
            frame.CopyTo(copy);
            Assert.All(copy.Xray, v => Assert.Equal(0.25f, v));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => frame.CopyTo(new SynthesisResult(frame.XraySize + 1))));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => frame.CopyTo(null!)));
            renderer.Release(frame);
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => frame.CopyTo(copy)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.Sampler = renderer.Sampler with { WarmStartThreshold = -1 }));
        }
        finally
        {
            renderer.Dispose();
        }

        Assert.True(synthesizer.Disposed);
        Assert.Equal(RendererStatus.Destroyed, StatusOf(() => renderer.PushFrame(camera)));
    }

    [Fact]
    public void ThreadStateAndLifetimeRulesAreEnforced()
    {
        byte[] pixels = PhantomFrames.Render(1)[0].Pixels;
        var renderer = XrayRenderer.Create(new XrayRendererOptions { DenoiserModelPath = Models.TinyDenoiser, EnableValidation = true });
        try
        {
            int w = PhantomFrames.Width, h = PhantomFrames.Height;
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(pixels, 16, 16)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(pixels.AsSpan(0, 100), w, h)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(pixels, w, h, strideBytes: w)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(0, RendererImageFormat.Rgba8, 1, w, h)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(1234, RendererImageFormat.Rgba8, 0, w, h)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.PushFrame(1234, (RendererImageFormat)7, 1, w, h)));
            Assert.Equal(RendererStatus.InvalidArgument, StatusOf(() => renderer.Sampler = renderer.Sampler with { Steps = 0 }));
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => renderer.Release(null!)));

            renderer.PushFrame(pixels, w, h);
            // No time limit: longer than one WaitOne may wait (int.MaxValue ms); the renderer waits in pieces.
            Assert.True(renderer.TryAcquire(TimeSpan.MaxValue, out var frame));
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => renderer.TryAcquire(TimeSpan.Zero, out _)));

            // Producer and consumer are this thread: the same calls from another thread are refused.
            RendererStatus? push = null, acquire = null;
            var other = new Thread(() =>
            {
                try { renderer.PushFrame(pixels, w, h); } catch (RendererException ex) { push = ex.Status; }
                try { renderer.Release(frame!); } catch (RendererException ex) { acquire = ex.Status; }
            });
            other.Start();
            other.Join();
            Assert.Equal(RendererStatus.WrongThread, push);
            Assert.Equal(RendererStatus.WrongThread, acquire);

            renderer.Release(frame!);
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => _ = frame!.Kcc)); // released: its data is gone
            Assert.Equal(RendererStatus.InvalidState, StatusOf(() => renderer.Release(frame!)));
        }
        finally
        {
            renderer.Dispose();
        }

        renderer.Dispose(); // idempotent
        Assert.Equal(RendererStatus.Destroyed, StatusOf(() => renderer.PushFrame(pixels, PhantomFrames.Width, PhantomFrames.Height)));
        Assert.Equal(RendererStatus.Destroyed, StatusOf(() => renderer.TryAcquire(TimeSpan.Zero, out _)));
        Assert.Equal(RendererStatus.Destroyed, StatusOf(() => renderer.Sampler = new RendererSamplerSettings()));
        Assert.Empty(renderer.ValidationMessages);
    }

    /// <summary>A host's synthesizer: a flat gray X-ray, no model.</summary>
    private sealed class GrayFillSynthesizer : IFrameSynthesizer
    {
        public bool Disposed { get; private set; }

        public SynthesisInfo Info { get; } = new(16, "gray fill", "", "CPU", "test", "none");

        public void Synthesize(CameraFrame frame, SamplerOptions options, SynthesisResult result) => Array.Fill(result.Xray, 0.25f);

        public void Dispose() => Disposed = true;
    }
}
