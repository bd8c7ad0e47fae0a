using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Hosting;

/// <summary>
/// One result a host acquired (<see cref="XrayRenderer.TryAcquire"/>): a Vulkan image on the renderer's device,
/// the fence to wait on before reading it, and the measurements as plain data. Valid from acquire until
/// <see cref="XrayRenderer.Release"/>; any member read after that throws <see cref="RendererException"/>
/// (<see cref="RendererStatus.InvalidState"/>). The renderer reuses these objects: do not keep one.
/// </summary>
public sealed class RendererFrame
{
    private readonly OutputTarget? _target;
    private bool _held;

    internal RendererFrame(OutputTarget? target, int imageSize)
    {
        _target = target;
        Result = new SynthesisResult(imageSize);
    }

    /// <summary>
    /// The VkImage (raw handle): R8G8B8A8_UNORM, <see cref="Width"/>×<see cref="Height"/>, one mip level and layer,
    /// usage SAMPLED | TRANSFER_SRC | TRANSFER_DST, in <see cref="Layout"/> once <see cref="Fence"/> is signalled.
    /// Owned by the renderer: never destroy it. You may transition it (to copy it, say); the renderer discards its
    /// contents when it rewrites it. 0 with <see cref="RendererOutput.None"/>.
    /// </summary>
    public ulong Image => Held()._target?.Image.Handle ?? 0;

    /// <summary>
    /// The VkFence (raw handle) signalled once the image is written: vkWaitForFences on it before reading. Do not
    /// reset it. 0 with <see cref="RendererOutput.None"/>.
    /// </summary>
    public ulong Fence => Held()._target?.Fence.Handle ?? 0;

    /// <summary>The VkImageLayout the image is in: VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL (5).</summary>
    public uint Layout => (uint)OutputTarget.Layout;

    /// <summary>Image width in pixels (0 with <see cref="RendererOutput.None"/>).</summary>
    public int Width => Held()._target?.Width ?? 0;

    /// <summary>Image height in pixels (0 with <see cref="RendererOutput.None"/>).</summary>
    public int Height => Held()._target?.Height ?? 0;

    /// <summary>The camera frame's sequence number (from 0, in push order).</summary>
    public long FrameId => Held().Result.FrameId;

    /// <summary>True when the frame was nearly equal to the last sampled one and its result was reused.</summary>
    public bool Reused => Held().Result.Reused;

    /// <summary>Network passes made for this frame (0 when reused).</summary>
    public int NetworkCalls => Held().Result.NetworkCalls;

    /// <summary>Side of the X-ray (the model's size); keypoints are in its pixel coordinates.</summary>
    public int XraySize => Held().Result.ImageSize;

    /// <summary>The X-ray, row-major, values in [−1, 1] (bone bright).</summary>
    public ReadOnlySpan<float> Xray => Held().Result.Xray;

    /// <summary>Whether a keypoint detector ran (<see cref="Keypoints"/>, <see cref="Kcc"/> and <see cref="Angles"/> are meaningful).</summary>
    public bool HasKeypoints => Held().Result.HasKeypoints;

    /// <summary>The ten keypoints (foot.md order) in X-ray pixels, smoothed over time, with confidences.</summary>
    public ReadOnlySpan<DetectedKeypoint> Keypoints => Held().Result.Keypoints;

    /// <summary>Keypoint Confidence-Completeness; angles are meaningful from <see cref="global::SccDm.Realtime.Keypoints.Kcc.ClinicalBar"/> up.</summary>
    public float Kcc => Held().Result.Kcc;

    /// <summary>Hallux valgus and intermetatarsal angles in degrees, or null when they cannot be computed.</summary>
    public FootAngleMeasurement? Angles => Held().Result.Angles;

    /// <summary>When the frame was pushed (Stopwatch ticks).</summary>
    public long PushTimestamp => Held().Result.CaptureTimestamp;

    /// <summary>
    /// When the renderer's thread started on the frame (Stopwatch ticks): <see cref="CompletedTimestamp"/> minus this
    /// is the synthesis time, this minus <see cref="PushTimestamp"/> the wait for the synthesis thread.
    /// </summary>
    public long StartedTimestamp => Held().Started;

    /// <summary>When its result was complete on the CPU and its image copy submitted (Stopwatch ticks).</summary>
    public long CompletedTimestamp => Held().Result.CompletedTimestamp;

    /// <summary>
    /// Copies the whole result (X-ray, condition, keypoints, measurements, ids and times) into
    /// <paramref name="destination"/>, which the host keeps after <see cref="XrayRenderer.Release"/>.
    /// </summary>
    /// <exception cref="RendererException"><see cref="RendererStatus.InvalidArgument"/> for a null destination or
    /// one of another size than <see cref="XraySize"/>; <see cref="RendererStatus.InvalidState"/> once released.</exception>
    public void CopyTo(SynthesisResult destination)
    {
        SynthesisResult result = Held().Result;
        if (destination is null || destination.ImageSize != result.ImageSize)
        {
            throw new RendererException(RendererStatus.InvalidArgument,
                $"the destination is {(destination is null ? "null" : $"{destination.ImageSize}×{destination.ImageSize}")}: pass a SynthesisResult of the X-ray's size ({result.ImageSize})");
        }

        destination.CopyFrom(result);
    }

    internal SynthesisResult Result { get; }

    internal OutputTarget? Target => _target;

    internal long Started { get; set; }

    internal bool IsHeld
    {
        get => Volatile.Read(ref _held);
        set => Volatile.Write(ref _held, value);
    }

    private RendererFrame Held() => IsHeld
        ? this
        : throw new RendererException(RendererStatus.InvalidState, "this result was released: acquire a new one (results are reused, do not keep them)");
}
