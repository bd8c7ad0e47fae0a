using System.Runtime.InteropServices;

namespace SccDm.Realtime.Interop;

// The structs of include/sccdm_realtime.h, field for field (blittable: no bool, no managed references).

/// <summary><c>sccdm_vulkan</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeVulkan
{
    /// <summary>VkInstance.</summary>
    public nint Instance;

    /// <summary>VkPhysicalDevice.</summary>
    public nint PhysicalDevice;

    /// <summary>VkDevice.</summary>
    public nint Device;

    /// <summary>Queue family (compute).</summary>
    public uint QueueFamilyIndex;

    /// <summary>Queue index in the family.</summary>
    public uint QueueIndex;
}

/// <summary><c>sccdm_sampler_options</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeSamplerOptions
{
    /// <summary>Steps; 0 = default.</summary>
    public uint Steps;

    /// <summary>sccdm_variant.</summary>
    public uint Variant;

    /// <summary>Nonzero: warm start.</summary>
    public int WarmStart;

    /// <summary>Negative: default; 0: sample every frame.</summary>
    public float SimilarityThreshold;

    /// <summary>0: default.</summary>
    public ulong Seed;
}

/// <summary><c>sccdm_create_options</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeCreateOptions
{
    /// <summary>sizeof(sccdm_create_options).</summary>
    public uint StructSize;

    /// <summary>sccdm_output.</summary>
    public uint Output;

    /// <summary>UTF-8 path, required.</summary>
    public byte* DenoiserModelPath;

    /// <summary>UTF-8 path or null.</summary>
    public byte* KeypointModelPath;

    /// <summary>UTF-8 path or null.</summary>
    public byte* OnnxRuntimePath;

    /// <summary>The host's handles, or null.</summary>
    public NativeVulkan* Vulkan;

    /// <summary>Own device only.</summary>
    public int EnableValidation;

    /// <summary>ORT threads.</summary>
    public uint Threads;

    /// <summary>Initial sampler settings.</summary>
    public NativeSamplerOptions Sampler;
}

/// <summary><c>sccdm_result</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeResult
{
    /// <summary>VkImage.</summary>
    public ulong Image;

    /// <summary>VkFence.</summary>
    public ulong Fence;

    /// <summary>Width.</summary>
    public uint Width;

    /// <summary>Height.</summary>
    public uint Height;

    /// <summary>VkFormat.</summary>
    public int Format;

    /// <summary>VkImageLayout.</summary>
    public int Layout;

    /// <summary>Frame id.</summary>
    public ulong FrameId;

    /// <summary>Nonzero when reused.</summary>
    public int Reused;

    /// <summary>Network passes.</summary>
    public uint NetworkCalls;
}

/// <summary><c>sccdm_synthesis_counts</c>: <see cref="Synthesis.SynthesisCounts"/> for C.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeSynthesisCounts
{
    /// <summary>Frames the similarity filter called new (sampled from noise).</summary>
    public ulong NewFrames;

    /// <summary>Frames in the warm-start band.</summary>
    public ulong ModerateFrames;

    /// <summary>Frames nearly the same as the last sampled one.</summary>
    public ulong UnchangedFrames;

    /// <summary>Frames sampled from noise (all steps).</summary>
    public ulong ColdSamples;

    /// <summary>Frames sampled from the previous result (the second half of the steps).</summary>
    public ulong WarmSamples;

    /// <summary>Frames that reused the previous result without a network pass.</summary>
    public ulong Reused;
}

/// <summary><c>sccdm_measurements</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeMeasurements
{
    /// <summary>Frame id.</summary>
    public ulong FrameId;

    /// <summary>Nonzero when keypoints were detected.</summary>
    public int HasKeypoints;

    /// <summary>KCC.</summary>
    public float Kcc;

    /// <summary>x, y, confidence × 10.</summary>
    public fixed float Keypoints[30];

    /// <summary>Nonzero when the angles are valid.</summary>
    public int HasAngles;

    /// <summary>Nonzero when reused.</summary>
    public int Reused;

    /// <summary>HVA in degrees.</summary>
    public double HvaDegrees;

    /// <summary>IMA in degrees.</summary>
    public double ImaDegrees;

    /// <summary>Network passes.</summary>
    public uint NetworkCalls;

    /// <summary>X-ray side.</summary>
    public uint XraySize;

    /// <summary>Push to result, nanoseconds.</summary>
    public ulong LatencyNs;
}
