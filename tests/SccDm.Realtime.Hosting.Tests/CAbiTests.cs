using System.Runtime.InteropServices;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Tests.Gpu;

namespace SccDm.Realtime.Hosting.Tests;

/// <summary>
/// Bad input through the C ABI, called in-process through function pointers into the published
/// libsccdm_realtime.so: every call returns a status and leaves a message in sccdm_last_error; none crashes.
/// </summary>
public unsafe class CAbiTests
{
    private const int Ok = 0, NotReady = 1, InvalidArgument = -1, InvalidHandle = -2, WrongThread = -3, InvalidState = -4, Model = -6, Destroyed = -10;

    private static readonly Lazy<Api> s_api = new(() => new Api(NativeLibrary.Load(NativeLibraryBuild.RequireLibrary())));

    private static Api C => s_api.Value;

    [Fact]
    public void NullOptionsAWrongStructSizeAndAMissingModelAreRefused()
    {
        nint renderer = 42;
        Assert.Equal(InvalidArgument, C.Create(null, &renderer));
        Assert.Equal(0, renderer);
        Assert.Contains("options is NULL", C.LastError());
        Assert.Equal(InvalidArgument, C.Create(null, null));
        Assert.Contains("out_renderer is NULL", C.LastError());

        using var paths = new NativeStrings();
        var options = Options(paths, Models.TinyDenoiser);
        options.StructSize = 8;
        Assert.Equal(InvalidArgument, C.Create(&options, &renderer));
        Assert.Contains("struct_size", C.LastError());

        options = Options(paths, "/nonexistent/model.onnx");
        Assert.Equal(Model, C.Create(&options, &renderer));
        Assert.Contains("/nonexistent/model.onnx not found", C.LastError());

        options = Options(paths, Models.TinyDenoiser);
        options.Sampler.Steps = 5000;
        Assert.Equal(InvalidArgument, C.Create(&options, &renderer));
        Assert.Contains("steps 5000", C.LastError());
        Assert.Equal(0, renderer);
    }

    [Fact]
    public void NullForeignAndMismatchedVulkanHandlesAreRefused()
    {
        using var host = new HostEngine();
        using var other = GpuDevice.Create(new GpuDeviceOptions());
        GpuExternalHandles good = host.Handles;
        using var paths = new NativeStrings();
        (string Expected, Interop.NativeVulkan Handles)[] cases =
        [
            ("instance handle is VK_NULL_HANDLE", Vulkan(good with { Instance = 0 })),
            ("device handle is VK_NULL_HANDLE", Vulkan(good with { Device = 0 })),
            ("does not point at a live Vulkan object", Vulkan(good with { Instance = 0x10 })),
            ("does not point at a live Vulkan object", Vulkan(good with { PhysicalDevice = unchecked((nint)0x7FFF_0000_1000) })),
            ("is not one of instance", Vulkan(good with { PhysicalDevice = other.PhysicalDevice.Handle })),
            ("queue family 7 does not exist", Vulkan(good with { QueueFamilyIndex = 7 })),
            ("queue index 3 is out of range", Vulkan(good with { QueueIndex = 3 })),
        ];
        foreach (var (expected, handles) in cases)
        {
            var vulkan = handles;
            var options = Options(paths, Models.TinyDenoiser);
            options.Vulkan = &vulkan;
            nint renderer = 0;
            Assert.Equal(InvalidArgument, C.Create(&options, &renderer));
            Assert.Contains(expected, C.LastError());
            Assert.Equal(0, renderer);
        }

        host.Dispose();
        ValidatedDevice.AssertNoValidationMessages(host.Device);
    }

    [Fact]
    public void TheLifecycleRulesHoldThroughTheCAbi()
    {
        Assert.Equal(InvalidHandle, C.PushFrame(0, null, 64, 48, 0));
        Assert.Contains("renderer is NULL", C.LastError());
        Assert.Equal(InvalidHandle, C.ReleaseResult(123456789));
        Assert.Contains("is not a renderer", C.LastError());

        using var paths = new NativeStrings();
        var options = Options(paths, Models.TinyDenoiser, Models.TinyKeypoints);
        options.EnableValidation = 1;
        nint created = 0;
        Assert.True(C.Create(&options, &created) == Ok, C.LastError());
        nint renderer = created;
        Assert.Equal("", C.LastError());
        byte[] pixels = PhantomFrames.Render(1)[0].Pixels;
        var result = default(Interop.NativeResult);
        var measurements = default(Interop.NativeMeasurements);
        fixed (byte* px = pixels)
        {
            Assert.Equal(InvalidArgument, C.PushFrame(renderer, null, PhantomFrames.Width, PhantomFrames.Height, 0));
            Assert.Equal(InvalidArgument, C.PushFrame(renderer, px, 8, 8, 0));
            Assert.Contains("out of range", C.LastError());
            Assert.Equal(InvalidArgument, C.PushFrame(renderer, px, PhantomFrames.Width, PhantomFrames.Height, 7));
            Assert.Equal(InvalidState, C.ReleaseResult(renderer));
            Assert.Equal(InvalidState, C.GetMeasurements(renderer, &measurements));
            Assert.Equal(NotReady, C.AcquireResult(renderer, 0, &result));

            Assert.Equal(Ok, C.PushFrame(renderer, px, PhantomFrames.Width, PhantomFrames.Height, 0));
            Assert.True(C.AcquireResult(renderer, 120_000, &result) == Ok, C.LastError());
            Assert.Equal(InvalidState, C.AcquireResult(renderer, 0, &result));
            Assert.Equal(Ok, C.GetMeasurements(renderer, &measurements));
            Assert.Equal(1, measurements.HasKeypoints);
            Assert.Equal((uint)Sampling.SamplerOptions.DefaultSteps, measurements.NetworkCalls); // steps 0: the default sampler
            Assert.Equal(32u, measurements.XraySize);
            Assert.InRange(measurements.Kcc, 0f, 1f);
            Assert.Equal((32u, 32u), (result.Width, result.Height));
            Assert.NotEqual(0ul, result.Image);

            // The producer and the consumer are this thread now.
            int fromOtherThread = 0, unlockFromOtherThread = 0, acquireFromOtherThread = 0, releaseFromOtherThread = 0;
            string otherThreadsError = "";
            Assert.Equal(Ok, C.LockQueue(renderer));
            var thread = new Thread(() =>
            {
                fixed (byte* p = pixels)
                {
                    fromOtherThread = C.PushFrame(renderer, p, PhantomFrames.Width, PhantomFrames.Height, 0);
                }

                unlockFromOtherThread = C.UnlockQueue(renderer);
                var r = default(Interop.NativeResult);
                acquireFromOtherThread = C.AcquireResult(renderer, 0, &r);
                releaseFromOtherThread = C.ReleaseResult(renderer);
                otherThreadsError = C.LastError(); // per thread: this thread's last message
            });
            thread.Start();
            thread.Join();
            Assert.Equal(Ok, C.UnlockQueue(renderer));
            Assert.Equal(WrongThread, fromOtherThread);
            Assert.Equal(WrongThread, unlockFromOtherThread);
            Assert.Equal(WrongThread, acquireFromOtherThread);
            Assert.Equal(WrongThread, releaseFromOtherThread);
            Assert.Contains("release called from thread", otherThreadsError);
            Assert.Equal("", C.LastError()); // this thread's last call (unlock) succeeded
            Assert.Equal(Ok, C.ReleaseResult(renderer));
            Assert.Equal(InvalidState, C.ReleaseResult(renderer));

            var sampler = new Interop.NativeSamplerOptions { Steps = 2, SimilarityThreshold = 0 };
            Assert.Equal(Ok, C.SetSamplerOptions(renderer, &sampler));
            Assert.Equal(Ok, C.PushFrame(renderer, px, PhantomFrames.Width, PhantomFrames.Height, 0));
            Assert.Equal(Ok, C.AcquireResult(renderer, 120_000, &result));
            Assert.Equal(2u, result.NetworkCalls);
            sampler.Variant = 9;
            Assert.Equal(InvalidArgument, C.SetSamplerOptions(renderer, &sampler));
            Assert.Contains("variant 9", C.LastError());

            Assert.Equal(Ok, C.Destroy(renderer)); // destroying while a result is held is allowed
            Assert.Equal(Destroyed, C.PushFrame(renderer, px, PhantomFrames.Width, PhantomFrames.Height, 0));
            Assert.Equal(Destroyed, C.AcquireResult(renderer, 0, &result));
            Assert.Equal(Destroyed, C.Destroy(renderer));
            Assert.Contains("was destroyed", C.LastError());
        }
    }

    [Fact]
    public void OutputNoneGivesTheMeasurementsWithoutAnImage()
    {
        using var paths = new NativeStrings();
        var options = Options(paths, Models.TinyDenoiser, Models.TinyKeypoints);
        options.Output = 2; // SCCDM_OUTPUT_NONE
        nint renderer = 0;
        Assert.True(C.Create(&options, &renderer) == Ok, C.LastError());
        try
        {
            byte[] pixels = PhantomFrames.Render(1)[0].Pixels;
            var result = default(Interop.NativeResult);
            var measurements = default(Interop.NativeMeasurements);
            fixed (byte* px = pixels)
            {
                Assert.Equal(Ok, C.PushFrame(renderer, px, PhantomFrames.Width, PhantomFrames.Height, 0));
            }

            Assert.True(C.AcquireResult(renderer, 120_000, &result) == Ok, C.LastError());
            Assert.Equal((0ul, 0ul, 0u, 0u), (result.Image, result.Fence, result.Width, result.Height));
            Assert.Equal(Ok, C.GetMeasurements(renderer, &measurements));
            Assert.Equal((1, (uint)Sampling.SamplerOptions.DefaultSteps, 32u), (measurements.HasKeypoints, measurements.NetworkCalls, measurements.XraySize));
            Assert.Equal(Ok, C.ReleaseResult(renderer));
        }
        finally
        {
            Assert.Equal(Ok, C.Destroy(renderer));
        }

        options.Output = 3;
        Assert.Equal(InvalidArgument, C.Create(&options, &renderer));
        Assert.Contains("output 3 is unknown", C.LastError());
    }

    private static Interop.NativeVulkan Vulkan(GpuExternalHandles h) => new()
    {
        Instance = h.Instance,
        PhysicalDevice = h.PhysicalDevice,
        Device = h.Device,
        QueueFamilyIndex = h.QueueFamilyIndex,
        QueueIndex = h.QueueIndex,
    };

    private static Interop.NativeCreateOptions Options(NativeStrings paths, string denoiser, string? keypoints = null) => new()
    {
        StructSize = (uint)sizeof(Interop.NativeCreateOptions),
        DenoiserModelPath = paths.Add(denoiser),
        KeypointModelPath = keypoints is null ? null : paths.Add(keypoints),
        Sampler = new Interop.NativeSamplerOptions { SimilarityThreshold = -1 },
    };

    /// <summary>UTF-8 copies in native memory for the options' paths, freed together.</summary>
    private sealed class NativeStrings : IDisposable
    {
        private readonly List<nint> _strings = [];

        public byte* Add(string text)
        {
            nint p = Marshal.StringToCoTaskMemUTF8(text);
            _strings.Add(p);
            return (byte*)p;
        }

        public void Dispose() => _strings.ForEach(Marshal.FreeCoTaskMem);
    }

    /// <summary>The exports, looked up by name (as a C host's dlsym would).</summary>
    private sealed class Api(nint library)
    {
        public readonly delegate* unmanaged<Interop.NativeCreateOptions*, nint*, int> Create = (delegate* unmanaged<Interop.NativeCreateOptions*, nint*, int>)NativeLibrary.GetExport(library, "sccdm_create");
        public readonly delegate* unmanaged<nint, int> Destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sccdm_destroy");
        public readonly delegate* unmanaged<nint, byte*, uint, uint, uint, int> PushFrame = (delegate* unmanaged<nint, byte*, uint, uint, uint, int>)NativeLibrary.GetExport(library, "sccdm_push_frame");
        public readonly delegate* unmanaged<nint, uint, Interop.NativeResult*, int> AcquireResult = (delegate* unmanaged<nint, uint, Interop.NativeResult*, int>)NativeLibrary.GetExport(library, "sccdm_acquire_result");
        public readonly delegate* unmanaged<nint, int> ReleaseResult = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sccdm_release_result");
        public readonly delegate* unmanaged<nint, Interop.NativeMeasurements*, int> GetMeasurements = (delegate* unmanaged<nint, Interop.NativeMeasurements*, int>)NativeLibrary.GetExport(library, "sccdm_get_measurements");
        public readonly delegate* unmanaged<nint, Interop.NativeSamplerOptions*, int> SetSamplerOptions = (delegate* unmanaged<nint, Interop.NativeSamplerOptions*, int>)NativeLibrary.GetExport(library, "sccdm_set_sampler_options");
        public readonly delegate* unmanaged<nint, int> LockQueue = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sccdm_lock_queue");
        public readonly delegate* unmanaged<nint, int> UnlockQueue = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sccdm_unlock_queue");
        private readonly delegate* unmanaged<byte*> _lastError = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(library, "sccdm_last_error");

        public string LastError() => Marshal.PtrToStringUTF8((nint)_lastError())!;
    }
}
