using SccDm.Realtime.Capture;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Tests.Gpu;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>
/// The C# sample host: an engine with its own Vulkan device (validation layer on, created outside the renderer)
/// hands its raw handles to <see cref="XrayRenderer"/>, pushes phantom frames and reads the result images back.
/// </summary>
public class CSharpHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void AHostsDeviceRendersTheXrayItsImageHoldsAndTheMeasurements()
    {
        CameraFrame[] frames = PhantomFrames.Render(2);
        using var host = new HostEngine();
        using (var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.Denoiser,
            KeypointModelPath = Models.Keypoints,
            Vulkan = host.Handles,
            IntraOpThreads = 2,
            Sampler = new RendererSamplerSettings { SimilarityThreshold = 0, WarmStart = false },
        }))
        {
            Assert.Equal(128, renderer.XraySize);
            Assert.Equal(renderer.XraySize, renderer.OutputWidth);
            for (int i = 0; i < frames.Length; i++)
            {
                renderer.PushFrame(frames[i].Pixels, PhantomFrames.Width, PhantomFrames.Height);
                Assert.True(renderer.TryAcquire(Patience, out var result), "no result within the patience");
                Assert.Equal(i, result!.FrameId);
                Assert.False(result.Reused);
                Assert.Equal(Sampling.SamplerOptions.DefaultSteps, result.NetworkCalls); // the default sampler, one pass per step
                Assert.True(result.HasKeypoints);
                Assert.InRange(result.Kcc, 0f, 1f);

                // The image the host reads on its own queue is exactly the X-ray the measurements came from.
                byte[] image = host.ReadResult(result, renderer.QueueLock);
                var expected = new byte[image.Length];
                XrayComposer.ToRgba(result.Xray, expected);
                Assert.Equal(expected, image);
                Assert.True(expected.Max() - expected.Min() > 64, "the X-ray is nearly flat");
                renderer.Release(result);
            }
        }

        host.Dispose();
        ValidatedDevice.AssertNoValidationMessages(host.Device);
    }

    [Fact]
    public void ACameraImageTheHostOwnsGivesTheSameXrayAsItsPixels()
    {
        CameraFrame frame = PhantomFrames.Render(1)[0];
        using var host = new HostEngine();
        using (var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            Vulkan = host.Handles,
            Sampler = new RendererSamplerSettings { SimilarityThreshold = 0, WarmStart = false },
        }))
        {
            renderer.PushFrame(frame.Pixels, PhantomFrames.Width, PhantomFrames.Height);
            Assert.True(renderer.TryAcquire(Patience, out var fromPixels));
            float[] expected = fromPixels!.Xray.ToArray();
            renderer.Release(fromPixels);

            foreach (bool bgra in new[] { false, true })
            {
                ulong image = host.CreateCameraImage(frame.Pixels, PhantomFrames.Width, PhantomFrames.Height, bgra, renderer.QueueLock);
                // The BGRA push also waits on a semaphore the engine's queue signals first.
                ulong wait = bgra ? host.SignalledSemaphore(renderer.QueueLock) : 0;
                renderer.PushFrame(image, bgra ? RendererImageFormat.Bgra8 : RendererImageFormat.Rgba8, (uint)Native.Vulkan.ImageLayout.General,
                    PhantomFrames.Width, PhantomFrames.Height, wait);
                Assert.True(renderer.TryAcquire(Patience, out var fromImage));
                Assert.Equal(expected, fromImage!.Xray.ToArray());
                renderer.Release(fromImage);
            }
        }

        host.Dispose();
        ValidatedDevice.AssertNoValidationMessages(host.Device);
    }

    [Fact]
    public void SamplerSettingsChangeWhileRunningAndAnUnchangedFrameIsReused()
    {
        CameraFrame frame = PhantomFrames.Render(1)[0];
        using var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            EnableValidation = true,
            Sampler = new RendererSamplerSettings { Steps = 4 },
        });
        (int NetworkCalls, bool Reused) Next()
        {
            renderer.PushFrame(frame.Pixels, PhantomFrames.Width, PhantomFrames.Height);
            Assert.True(renderer.TryAcquire(Patience, out var result));
            var seen = (result!.NetworkCalls, result.Reused);
            renderer.Release(result);
            return seen;
        }

        Assert.Equal(4, Next().NetworkCalls);
        // The same frame again: under the similarity threshold, so the result is reused without a network pass.
        Assert.Equal((0, true), Next());
        renderer.Sampler = renderer.Sampler with { Steps = 2 };
        Assert.Equal(2, Next().NetworkCalls); // new settings: sampled again, with 2 steps
        renderer.Sampler = renderer.Sampler with { Steps = 3, Variant = Sampling.SamplerVariant.Sag, SimilarityThreshold = 0 };
        Assert.Equal(6, Next().NetworkCalls); // SAG: two passes per step
        // Threshold 0: never reused; the frame "moved" less than the warm-start threshold, so it starts from the
        // previous result at index 3 / 2 = 1: two steps of two passes.
        Assert.Equal((4, false), Next());
        renderer.Sampler = renderer.Sampler with { WarmStart = false };
        Assert.Equal((6, false), Next());
        Assert.Equal((6, false), Next()); // warm start off: every frame from noise
        Assert.False(renderer.TryAcquire(TimeSpan.Zero, out _)); // nothing new was pushed
        renderer.Dispose();
        Assert.Empty(renderer.ValidationMessages);
    }

    [Fact]
    public void TheHostsSideOfAFrameAllocatesNothingInTheSteadyState()
    {
        byte[][] frames = PhantomFrames.Render(2).Select(f => f.Pixels).ToArray();
        using var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.TinyDenoiser,
            Sampler = new RendererSamplerSettings { SimilarityThreshold = 0 },
        });
        int n = 0;
        void Frame()
        {
            renderer.PushFrame(frames[n++ % 2], PhantomFrames.Width, PhantomFrames.Height);
            Assert.True(renderer.TryAcquire(Patience, out var result));
            renderer.Release(result!);
        }

        for (int i = 0; i < 5; i++)
        {
            Frame(); // first uses: the pushed-frame buffers, tiered compilation
        }

        Assert.Equal(0, Testing.Allocations.SteadyStateBytes(Frame, iterations: 20));
    }

    [Fact]
    public void TheComposedViewIsTheXrayScaledWithTheSkeletonAndTheDisclaimer()
    {
        CameraFrame frame = PhantomFrames.Render(1)[0];
        using var host = new HostEngine();
        string png = Path.Combine(HostArtifacts.Directory, "csharp-host-composed.png");
        using (var renderer = XrayRenderer.Create(new XrayRendererOptions
        {
            DenoiserModelPath = Models.Denoiser,
            KeypointModelPath = Models.Keypoints,
            Vulkan = host.Handles,
            Output = RendererOutput.Composed,
            IntraOpThreads = 2,
        }))
        {
            Assert.Equal(128 * XrayRenderer.ComposedScale, renderer.OutputWidth);
            renderer.PushFrame(frame.Pixels, PhantomFrames.Width, PhantomFrames.Height);
            Assert.True(renderer.TryAcquire(Patience, out var result));
            byte[] image = host.ReadResult(result!, renderer.QueueLock);
            int w = result!.Width, h = result.Height;
            Native.Png.PngCodec.Write(png, image, w, h, Native.Png.PngPixelFormat.Rgba);

            // Coloured pixels exist only where the skeleton is drawn (the X-ray is gray), the disclaimer band is amber text.
            int coloured = 0;
            for (int i = 0; i < image.Length; i += 4)
            {
                if (Math.Abs(image[i] - image[i + 1]) > 40 || Math.Abs(image[i + 1] - image[i + 2]) > 40)
                {
                    coloured++;
                }
            }

            Assert.InRange(coloured, 200, w * h / 4);
            renderer.Release(result);
        }

        host.Dispose();
        ValidatedDevice.AssertNoValidationMessages(host.Device);
    }
}
