using SccDm.Realtime.Gpu;

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
}
