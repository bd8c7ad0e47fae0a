using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Imaging;
using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Vulkan;
using SccDm.Realtime.Profiling;
using Semaphore = SccDm.Realtime.Native.Vulkan.Semaphore;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Text;

namespace SccDm.Realtime.Hosting;

/// <summary>
/// The renderer embedded in a host engine: the host pushes camera frames (RGBA pixels, or a VkImage it owns) and
/// acquires results (a VkImage with a fence to wait on, plus keypoints, KCC and angles). It never presents and never
/// owns a window. Synthesis runs on the renderer's own thread, joined to the host's threads by latest-frame-wins
/// slots: a push never waits for synthesis, and a host that pushes faster than the model runs simply skips frames.
/// <para><b>Threading.</b></para>
/// <list type="bullet">
/// <item><see cref="PushFrame(ReadOnlySpan{byte}, int, int, int)"/> and its VkImage overload: from one thread, the
/// producer (the thread of the first push). Another thread gets <see cref="RendererStatus.WrongThread"/>.</item>
/// <item><see cref="TryAcquire"/> and <see cref="Release"/>: from one thread, the consumer (the thread of the first
/// acquire; it may be the producer).</item>
/// <item><see cref="Sampler"/>, <see cref="Info"/>, <see cref="QueueLock"/>: any thread.</item>
/// <item><see cref="Dispose"/>: any thread, once; a call still in progress on another thread finishes first, and any
/// call after it gets <see cref="RendererStatus.Destroyed"/>.</item>
/// </list>
/// <para><b>Lifetime.</b> Hold at most one result: acquire, wait on its fence, use its image, release it, acquire
/// the next. Release only after your GPU work that reads the image has finished: the renderer may overwrite the image
/// any time after the release. Destroy the renderer before the Vulkan device you handed over; it destroys none of
/// your objects. With its own device (no <see cref="XrayRendererOptions.Vulkan"/>) it destroys that device last.
/// A <see cref="XrayRendererOptions.Synthesizer"/> the host handed over is the renderer's: it disposes it.</para>
/// <para><b>Queue.</b> The renderer submits to the queue you hand over from its own thread at any time. Vulkan wants
/// submissions to one queue externally synchronized: if your engine submits to the same queue, hold
/// <see cref="QueueLock"/> around your vkQueueSubmit/vkQueuePresentKHR, or hand over a queue you do not use.</para>
/// The output is synthetic and not for diagnosis.
/// </summary>
public sealed class XrayRenderer : IDisposable
{
    /// <summary>The composed view (<see cref="RendererOutput.Composed"/>) is the X-ray scaled by this factor.</summary>
    public const int ComposedScale = 4;

    /// <summary>The smallest camera frame accepted (the similarity filter's thumbnail grid).</summary>
    public const int MinFrameWidth = FrameThumbnail.DefaultWidth;

    /// <summary>The smallest camera frame height accepted.</summary>
    public const int MinFrameHeight = FrameThumbnail.DefaultHeight;

    /// <summary>The largest camera frame side accepted.</summary>
    public const int MaxFrameSide = 8192;

    private const string Disclaimer = "Synthetic image - not for diagnosis";

    private const int MaxSamplerSteps = 1000;

    private readonly GpuDevice? _device;
    private readonly DenoiserModel? _denoiser;
    private readonly KeypointModel? _keypoints;
    private readonly IFrameSynthesizer _synthesizer;
    private readonly FrameProfiler? _profiler;
    private readonly int _synthesisStage;
    private readonly Lock _ownQueueLock = new();
    private readonly TextRasterizer? _text;
    private readonly RendererOutput _output;
    private readonly SynthesisStage _stage;
    private readonly LatestSlot<PushedFrame> _frames;
    private readonly List<RendererFrame> _results = [];
    private readonly LatestSlot<RendererFrame> _resultSlot;
    private readonly byte[]? _gray;
    private readonly AutoResetEvent _frameArrived = new(false);
    private readonly AutoResetEvent _resultArrived = new(false);
    private readonly Thread _worker;
    private readonly int _maxSteps;
    private volatile SettingsState _settings;
    private ImageFrameReader? _imageReader;
    private RendererFrame? _held;
    private int _producerThread;
    private int _consumerThread;
    private long _sequence;
    private int _calls;
    private int _disposed;
    private volatile bool _stopping;
    private volatile Exception? _fault;

    private XrayRenderer(GpuDevice? device, DenoiserModel? denoiser, KeypointModel? keypoints, IFrameSynthesizer synthesizer, TextRasterizer? text, XrayRendererOptions options)
    {
        _device = device;
        _denoiser = denoiser;
        _keypoints = keypoints;
        _synthesizer = synthesizer;
        _text = text;
        _output = options.Output;
        _profiler = options.Profiler;
        _synthesisStage = _profiler?.StageId("synthesis") ?? 0;
        // A host's synthesizer checks its own model's T; the sampler's own limit holds for every model.
        _maxSteps = denoiser?.Metadata.T ?? MaxSamplerSteps;
        _settings = new SettingsState(options.Sampler, options.Sampler.ToSamplerOptions());
        _stage = new SynthesisStage(synthesizer, new FrameChangeFilter());
        int size = synthesizer.Info.ImageSize;
        XraySize = size;
        OutputWidth = OutputHeight = _output == RendererOutput.Composed ? size * ComposedScale : size;
        _gray = _output == RendererOutput.Composed ? new byte[size * size] : null;
        _frames = new LatestSlot<PushedFrame>(() => new PushedFrame());
        try
        {
            _resultSlot = new LatestSlot<RendererFrame>(() =>
            {
                var frame = new RendererFrame(_output == RendererOutput.None ? null : OutputTarget.Create(device!, OutputWidth, OutputHeight), size);
                _results.Add(frame);
                return frame;
            });
        }
        catch
        {
            foreach (var frame in _results)
            {
                frame.Target?.Dispose();
            }

            throw;
        }

        _worker = new Thread(WorkerLoop) { Name = "sccdm synthesis", IsBackground = true };
        _worker.Start();
    }

    /// <summary>Model, provider and device, e.g. for a status line (a host's <see cref="XrayRendererOptions.Synthesizer"/>'s own).</summary>
    public SynthesisInfo Info => _synthesizer.Info;

    /// <summary>Side of the X-ray (the model's image size).</summary>
    public int XraySize { get; }

    /// <summary>Width of every result image.</summary>
    public int OutputWidth { get; }

    /// <summary>Height of every result image.</summary>
    public int OutputHeight { get; }

    /// <summary>
    /// The lock the renderer holds around each of its submissions to the queue. A host that submits to the same
    /// queue holds it around its own vkQueueSubmit/vkQueuePresentKHR (Vulkan requires external synchronization).
    /// </summary>
    public Lock QueueLock => _device?.QueueLock ?? _ownQueueLock;

    /// <summary>Validation messages of the renderer's own device (<see cref="XrayRendererOptions.EnableValidation"/>); empty for a host's device or none.</summary>
    public IReadOnlyList<string> ValidationMessages => _device?.ValidationMessages ?? [];

    /// <summary>
    /// How much the last frame the synthesis thread took differed from the last sampled one: the similarity filter's
    /// mean absolute thumbnail difference in 8-bit gray levels, compared with
    /// <see cref="RendererSamplerSettings.SimilarityThreshold"/>; +∞ before the first frame. Any thread (for a HUD).
    /// </summary>
    public float LastFrameDifference => _stage.Filter.LastDifference;

    /// <summary>
    /// What the synthesis thread did with the frames it took so far: how the similarity filter classified them and
    /// how many were sampled cold, warm-started (<see cref="RendererSamplerSettings.WarmStart"/>) or reused. A
    /// snapshot; any thread.
    /// </summary>
    public SynthesisCounts SynthesisCounts => _stage.Counts;

    /// <summary>
    /// The sampler settings; setting them (any thread) takes effect from the next frame the renderer starts, which
    /// then samples from noise (the previous result was made with other settings).
    /// </summary>
    /// <exception cref="RendererException"><see cref="RendererStatus.InvalidArgument"/> for a bad value,
    /// <see cref="RendererStatus.Destroyed"/> after <see cref="Dispose"/>.</exception>
    public RendererSamplerSettings Sampler
    {
        get => _settings.Settings;
        set
        {
            if (value is null)
            {
                throw new RendererException(RendererStatus.InvalidArgument, "the sampler settings are null: pass a RendererSamplerSettings");
            }

            ThrowIfDisposed();
            value.Validate(_maxSteps);
            _settings = new SettingsState(value, value.ToSamplerOptions());
        }
    }

    /// <summary>
    /// Creates the renderer: wraps the host's Vulkan objects (or creates its own), opens the models (their contract
    /// is checked), and starts the synthesis thread.
    /// </summary>
    /// <exception cref="RendererException">Bad options or handles (<see cref="RendererStatus.InvalidArgument"/>), no
    /// usable Vulkan (<see cref="RendererStatus.Vulkan"/>), a missing or wrong model (<see cref="RendererStatus.Model"/>),
    /// a missing native library (<see cref="RendererStatus.Dependency"/>). Nothing is left behind (a host's
    /// <see cref="XrayRendererOptions.Synthesizer"/> is disposed).</exception>
    public static XrayRenderer Create(XrayRendererOptions options)
    {
        if (options is null)
        {
            throw new RendererException(RendererStatus.InvalidArgument, "the renderer options are null: pass an XrayRendererOptions");
        }

        GpuDevice? device = null;
        DenoiserModel? denoiser = null;
        KeypointModel? keypoints = null;
        IFrameSynthesizer? synthesizer = options.Synthesizer;
        TextRasterizer? text = null;
        try
        {
            CheckOptions(options);
            if (options.OnnxRuntimePath is { } ortPath)
            {
                try
                {
                    OrtLibrary.ConfiguredPath = ortPath;
                }
                catch (InvalidOperationException e)
                {
                    throw new RendererException(RendererStatus.Dependency, e.Message, e);
                }
            }

            // The handles first: checking them costs nothing, loading the models does. A host's synthesizer with no
            // image to write needs no device.
            if (options.Vulkan is { } handles)
            {
                device = GpuDevice.FromExternal(handles);
            }
            else if (synthesizer is null || options.Output != RendererOutput.None)
            {
                device = GpuDevice.Create(new GpuDeviceOptions { EnableValidation = options.EnableValidation, ApplicationName = "SccDm.Realtime renderer" });
            }

            if (synthesizer is null)
            {
                var modelOptions = new ModelOptions { IntraOpNumThreads = options.IntraOpThreads, IntraOpSpinning = options.IntraOpSpinning };
                denoiser = DenoiserModel.Open(options.DenoiserModelPath, modelOptions);
                options.Sampler.Validate(denoiser.Metadata.T);
                if (options.KeypointModelPath is { } keypointPath)
                {
                    keypoints = KeypointModel.Open(keypointPath, modelOptions);
                }

                synthesizer = new VulkanFrameSynthesizer(device!, denoiser, keypoints, options.Profiler);
            }

            if (options.Output == RendererOutput.Composed)
            {
                text = TextRasterizer.CreateDefault(Math.Max(10, synthesizer.Info.ImageSize * ComposedScale / 32));
            }

            return new XrayRenderer(device, denoiser, keypoints, synthesizer, text, options);
        }
        catch (Exception e)
        {
            text?.Dispose();
            synthesizer?.Dispose();
            keypoints?.Dispose();
            denoiser?.Dispose();
            device?.Dispose();
            throw RendererException.From(e, "cannot create the renderer");
        }
    }

    /// <summary>
    /// Producer: hands over a camera frame as tightly packed or strided RGBA8 pixels (copied; the span may be reused
    /// at once). Never waits for synthesis: a frame not yet started is replaced by this one.
    /// </summary>
    /// <param name="rgba">The pixels, row-major, top row first.</param>
    /// <param name="width">Width, <see cref="MinFrameWidth"/>…<see cref="MaxFrameSide"/>.</param>
    /// <param name="height">Height, <see cref="MinFrameHeight"/>…<see cref="MaxFrameSide"/>.</param>
    /// <param name="strideBytes">Bytes from one row to the next; 0 means width × 4.</param>
    /// <exception cref="RendererException">Bad size or buffer, wrong thread, destroyed, or synthesis failed earlier.</exception>
    public void PushFrame(ReadOnlySpan<byte> rgba, int width, int height, int strideBytes = 0)
    {
        PushPixels(rgba, width, height, strideBytes, sequence: null, timestamp: 0);
    }

    /// <summary>
    /// Producer: hands over a frame from one of the plugin's frame sources (<see cref="IFrameSource"/>), copied. Like
    /// the pixel overload, but the result keeps the frame's own <see cref="CameraFrame.Sequence"/> as
    /// <see cref="RendererFrame.FrameId"/> and its <see cref="CameraFrame.CaptureTimestamp"/> (when set) as
    /// <see cref="RendererFrame.PushTimestamp"/>, so a host's own frame numbers and latency meters line up.
    /// </summary>
    /// <exception cref="RendererException">A null or out-of-range frame, wrong thread, destroyed, or synthesis failed earlier.</exception>
    public void PushFrame(CameraFrame frame)
    {
        if (frame is null)
        {
            using var call = EnterCall(ref _producerThread, "push");
            throw new RendererException(RendererStatus.InvalidArgument, "the camera frame is null: pass a CameraFrame");
        }

        PushPixels(frame.Pixels, frame.Width, frame.Height, 0, frame.Sequence, frame.CaptureTimestamp);
    }

    private void PushPixels(ReadOnlySpan<byte> rgba, int width, int height, int strideBytes, long? sequence, long timestamp)
    {
        using var call = EnterCall(ref _producerThread, "push");
        CheckFrameSize(width, height);
        long stride = strideBytes == 0 ? width * 4L : strideBytes;
        if (stride < width * 4L)
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"stride {strideBytes} is smaller than a row ({width} × 4 bytes): pass 0 or at least {width * 4}");
        }

        long needed = (stride * (height - 1)) + (width * 4L);
        if (rgba.Length < needed)
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"the frame buffer holds {rgba.Length} bytes; {width}×{height} RGBA with stride {stride} needs {needed}");
        }

        CameraFrame frame = FrameToFill(width, height);
        int row = width * 4;
        for (int y = 0; y < height; y++)
        {
            rgba.Slice((int)(y * stride), row).CopyTo(frame.Pixels.AsSpan(y * row, row));
        }

        PublishFrame(frame, sequence, timestamp);
    }

    /// <summary>
    /// Producer: hands over a camera frame as a VkImage the host owns on the same device: usage includes
    /// TRANSFER_SRC, one mip level and layer, 8-bit RGBA or BGRA, at least <paramref name="width"/>×<paramref name="height"/>.
    /// The renderer copies it on its queue (after <paramref name="waitSemaphore"/>, when given, is signalled), returns
    /// it to <paramref name="layout"/>, and waits for the copy before returning: the image is the host's again then.
    /// </summary>
    /// <param name="image">The VkImage (raw handle).</param>
    /// <param name="format">Its channel order.</param>
    /// <param name="layout">Its current VkImageLayout (not UNDEFINED or PREINITIALIZED); it is left in the same layout.</param>
    /// <param name="width">Width of the region to read, from (0, 0).</param>
    /// <param name="height">Height of the region to read.</param>
    /// <param name="waitSemaphore">A binary VkSemaphore the host's rendering signals, or 0.</param>
    /// <exception cref="RendererException">A bad argument, wrong thread, destroyed, or a Vulkan failure.</exception>
    public void PushFrame(ulong image, RendererImageFormat format, uint layout, int width, int height, ulong waitSemaphore = 0)
    {
        using var call = EnterCall(ref _producerThread, "push");
        if (image == 0)
        {
            throw new RendererException(RendererStatus.InvalidArgument, "the camera image is VK_NULL_HANDLE: pass a VkImage created on the renderer's device");
        }

        if (!Enum.IsDefined(format))
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"image format {(int)format} is unknown: use 0 (RGBA8) or 1 (BGRA8)");
        }

        var imageLayout = (ImageLayout)layout;
        if (imageLayout is ImageLayout.Undefined or ImageLayout.Preinitialized || !Enum.IsDefined(imageLayout))
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"image layout {layout} is not a layout the image can be read in: pass its current layout (e.g. VK_IMAGE_LAYOUT_GENERAL or SHADER_READ_ONLY_OPTIMAL)");
        }

        CheckFrameSize(width, height);
        if (_device is null)
        {
            throw new RendererException(RendererStatus.InvalidState,
                "this renderer has no Vulkan device (a host synthesizer with output None and no Vulkan handles): push pixels, or create it with your Vulkan handles");
        }

        ReadOnlySpan<byte> pixels;
        try
        {
            _imageReader ??= new ImageFrameReader(_device);
            pixels = _imageReader.Read(new Image(image), imageLayout, width, height, new Semaphore(waitSemaphore));
        }
        catch (Exception e)
        {
            throw RendererException.From(e, "cannot read the camera image");
        }

        CameraFrame frame = FrameToFill(width, height);
        pixels.CopyTo(frame.Pixels);
        if (format == RendererImageFormat.Bgra8)
        {
            Span<byte> px = frame.Pixels;
            for (int i = 0; i < px.Length; i += 4)
            {
                (px[i], px[i + 2]) = (px[i + 2], px[i]);
            }
        }

        PublishFrame(frame, sequence: null, timestamp: 0);
    }

    /// <summary>
    /// Consumer: takes the newest result published since the last acquire, waiting up to <paramref name="timeout"/>
    /// for one. Returns false when none came in time (<see cref="RendererStatus.NotReady"/> in the C ABI). Wait on the
    /// frame's fence before reading its image, and <see cref="Release"/> it before the next acquire.
    /// </summary>
    /// <exception cref="RendererException">A result is still held (<see cref="RendererStatus.InvalidState"/>), wrong
    /// thread, destroyed, or the synthesis thread failed (<see cref="RendererStatus.SynthesisFailed"/>).</exception>
    public bool TryAcquire(TimeSpan timeout, out RendererFrame? frame)
    {
        using var call = EnterCall(ref _consumerThread, "acquire");
        if (_held is not null)
        {
            throw new RendererException(RendererStatus.InvalidState, "a result is still held: release it before acquiring the next");
        }

        // Clamped to 30 days so that TimeSpan.MaxValue (or Timeout.InfiniteTimeSpan, negative: no wait) cannot overflow.
        double seconds = Math.Clamp(timeout.TotalSeconds, 0, 30 * 86400.0);
        long deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (true)
        {
            ThrowIfFaulted();
            if (_resultSlot.TryTake(out frame))
            {
                frame!.IsHeld = true;
                _held = frame;
                return true;
            }

            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                frame = null;
                return false;
            }

            // One wait takes at most int.MaxValue ms (WaitOne refuses more); the loop waits out the rest.
            _resultArrived.WaitOne(TimeSpan.FromMilliseconds(Math.Min(remaining * 1000.0 / Stopwatch.Frequency, int.MaxValue)));
            ThrowIfDisposed();
        }
    }

    /// <summary>Consumer: gives the held result back; its image may be overwritten from now on.</summary>
    /// <exception cref="RendererException">No result is held, <paramref name="frame"/> is not the held one, wrong thread, or destroyed.</exception>
    public void Release(RendererFrame frame)
    {
        using var call = EnterCall(ref _consumerThread, "release");
        if (_held is null)
        {
            throw new RendererException(RendererStatus.InvalidState, "no result is held: acquire one first (release each result once)");
        }

        if (!ReferenceEquals(frame, _held))
        {
            throw new RendererException(RendererStatus.InvalidArgument, "this is not the held result: release the frame the last acquire returned");
        }

        frame.IsHeld = false;
        _held = null;
    }

    /// <summary>
    /// Stops the synthesis thread, waits for the renderer's GPU work, and destroys what the renderer created (its
    /// device too when it created one). Idempotent; every later call fails with <see cref="RendererStatus.Destroyed"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _frameArrived.Set();
        _resultArrived.Set();
        var spin = new SpinWait();
        while (Volatile.Read(ref _calls) != 0)
        {
            spin.SpinOnce();
        }

        _worker.Join();
        if (_held is not null)
        {
            _held.IsHeld = false;
        }

        foreach (var frame in _results)
        {
            frame.Target?.Dispose();
        }

        _imageReader?.Dispose();
        _text?.Dispose();
        _synthesizer.Dispose();
        _keypoints?.Dispose();
        _denoiser?.Dispose();
        _device?.Dispose();
        _frameArrived.Dispose();
        _resultArrived.Dispose();
    }

    private static void CheckOptions(XrayRendererOptions options)
    {
        if (options.Synthesizer is not null)
        {
            if (!string.IsNullOrEmpty(options.DenoiserModelPath) || options.KeypointModelPath is not null)
            {
                throw new RendererException(RendererStatus.InvalidArgument,
                    "both a synthesizer and model paths were given: pass either your own Synthesizer or the model paths, not both");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.DenoiserModelPath))
        {
            throw new RendererException(RendererStatus.InvalidArgument, "no denoiser model path: pass the SCCDM ONNX file (e.g. models/sccdm_kiosk.onnx)");
        }

        if (options.Synthesizer is null && !File.Exists(options.DenoiserModelPath))
        {
            throw new RendererException(RendererStatus.Model, $"denoiser model {options.DenoiserModelPath} not found: pass the path of an SCCDM ONNX file (e.g. models/sccdm_kiosk.onnx)");
        }

        if (options.KeypointModelPath is { } keypoints && !File.Exists(keypoints))
        {
            throw new RendererException(RendererStatus.Model, $"keypoint model {keypoints} not found: pass models/foot_keypoints.onnx, or none for no keypoints");
        }

        if (!Enum.IsDefined(options.Output))
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"output {(int)options.Output} is unknown: use 0 (X-ray), 1 (composed) or 2 (none)");
        }

        if (options.IntraOpThreads < 0)
        {
            throw new RendererException(RendererStatus.InvalidArgument, $"threads {options.IntraOpThreads} is negative: pass 0 (ONNX Runtime chooses) or a count");
        }

        if (options.Sampler is null)
        {
            throw new RendererException(RendererStatus.InvalidArgument, "the sampler settings are null: pass a RendererSamplerSettings");
        }

        // The model's T is checked once it is open; no model has more than the sampler's 1000 steps.
        options.Sampler.Validate(MaxSamplerSteps);
    }

    private static void CheckFrameSize(int width, int height)
    {
        if (width < MinFrameWidth || height < MinFrameHeight || width > MaxFrameSide || height > MaxFrameSide)
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"a {width}×{height} frame is out of range: frames are {MinFrameWidth}×{MinFrameHeight} to {MaxFrameSide}×{MaxFrameSide} pixels");
        }
    }

    private CameraFrame FrameToFill(int width, int height)
    {
        PushedFrame box = _frames.WriteBuffer;
        if (box.Frame is null || box.Frame.Width != width || box.Frame.Height != height)
        {
            box.Frame = new CameraFrame(width, height); // only when the camera's size changes
        }

        return box.Frame;
    }

    private void PublishFrame(CameraFrame frame, long? sequence, long timestamp)
    {
        frame.Sequence = sequence ?? _sequence;
        _sequence = frame.Sequence + 1;
        frame.CaptureTimestamp = timestamp != 0 ? timestamp : Stopwatch.GetTimestamp();
        _frames.Publish();
        _frameArrived.Set();
    }

    private void WorkerLoop()
    {
        _profiler?.NameCurrentThread("synthesis");
        try
        {
            while (!_stopping)
            {
                if (!_frames.TryTake(out var pushed))
                {
                    _frameArrived.WaitOne();
                    continue;
                }

                SettingsState settings = _settings;
                _stage.Filter.ReuseThreshold = settings.Settings.SimilarityThreshold;
                _stage.Filter.WarmStartThreshold = settings.Settings.WarmStartThreshold;
                _stage.WarmStart = settings.Settings.WarmStart;
                RendererFrame output = _resultSlot.WriteBuffer;
                output.Target?.WaitIdle();
                long started = Stopwatch.GetTimestamp();
                CameraFrame frame = pushed!.Frame!;
                bool sampled = _stage.Run(frame, settings.Options, output.Result);
                output.Started = started;
                if (sampled)
                {
                    _profiler?.Record(_synthesisStage, frame.Sequence, started, output.Result.CompletedTimestamp);
                }

                if (output.Target is { } target)
                {
                    Draw(output);
                    target.Submit();
                }

                _resultSlot.Publish();
                _resultArrived.Set();
            }
        }
        catch (Exception e)
        {
            _fault = e;
            _resultArrived.Set();
        }
    }

    private void Draw(RendererFrame output)
    {
        SynthesisResult result = output.Result;
        Span<byte> rgba = output.Target!.Staging.AsSpan<byte>();
        if (_output == RendererOutput.Xray)
        {
            XrayComposer.ToRgba(result.Xray, rgba);
            return;
        }

        int width = OutputWidth, height = OutputHeight, size = XraySize;
        XrayComposer.ToGray(result.Xray, _gray);
        PixelDraw.Blit(_gray, size, size, 1, rgba, width, height, 0, 0, width, height);
        if (result.HasKeypoints)
        {
            XrayComposer.DrawSkeleton(rgba, width, height, result.Keypoints, ComposedScale);
        }

        int band = _text!.LineHeight + 6;
        PixelDraw.FillRect(rgba, width, height, 0, height - band, width, band, 0x141820C0);
        _text.Draw(rgba, width, height, 4, height - 4 + _text.Descender, Disclaimer, 0xF0B040FF);
    }

    private CallScope EnterCall(ref int threadSlot, string role)
    {
        Interlocked.Increment(ref _calls);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Decrement(ref _calls);
            throw DestroyedException();
        }

        int me = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref threadSlot, me, 0);
        if (owner != 0 && owner != me)
        {
            Interlocked.Decrement(ref _calls);
            throw new RendererException(RendererStatus.WrongThread,
                $"{role} called from thread {me}, but the renderer's {(role == "push" ? "producer" : "consumer")} is thread {owner}: push from one thread, acquire and release from one thread");
        }

        try
        {
            ThrowIfFaulted();
        }
        catch
        {
            Interlocked.Decrement(ref _calls);
            throw;
        }

        return new CallScope(this);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new RendererException(RendererStatus.SynthesisFailed,
                $"synthesis stopped: {fault.Message}; destroy the renderer and create a new one", fault);
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw DestroyedException();
        }
    }

    private static RendererException DestroyedException() =>
        new(RendererStatus.Destroyed, "the renderer was destroyed: create a new one (no call is allowed after destroy)");

    private readonly ref struct CallScope(XrayRenderer renderer)
    {
        public void Dispose() => Interlocked.Decrement(ref renderer._calls);
    }

    private sealed record SettingsState(RendererSamplerSettings Settings, Sampling.SamplerOptions Options);

    private sealed class PushedFrame
    {
        public CameraFrame? Frame { get; set; }
    }
}
