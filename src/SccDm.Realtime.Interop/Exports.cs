using System.Diagnostics;
using System.Runtime.InteropServices;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Hosting;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Native.Posix;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.Interop;

/// <summary>
/// The exported functions of libsccdm_realtime.so (include/sccdm_realtime.h). Each one is a thin shell over
/// <see cref="XrayRenderer"/>: it catches every exception, turns it into an <see cref="RendererStatus"/> and a
/// message for <c>sccdm_last_error</c>, and never lets one cross into C.
/// </summary>
public static unsafe class Exports
{
    /// <summary><c>sccdm_create</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_create")]
    public static int Create(NativeCreateOptions* options, nint* outRenderer)
    {
        try
        {
            if (outRenderer == null)
            {
                return Fail(RendererStatus.InvalidArgument, "out_renderer is NULL: pass the address of an sccdm_renderer* to receive the renderer");
            }

            *outRenderer = 0;
            if (options == null)
            {
                return Fail(RendererStatus.InvalidArgument, "options is NULL: pass an sccdm_create_options");
            }

            if (options->StructSize != (uint)sizeof(NativeCreateOptions))
            {
                return Fail(RendererStatus.InvalidArgument,
                    $"options->struct_size is {options->StructSize}, this library's sccdm_create_options has {sizeof(NativeCreateOptions)} bytes: set it to sizeof(sccdm_create_options) and build against this library's header");
            }

            if (options->DenoiserModelPath == null)
            {
                return Fail(RendererStatus.InvalidArgument, "options->denoiser_model_path is NULL: pass the SCCDM ONNX file (e.g. models/sccdm_kiosk.onnx)");
            }

            UseOwnFolderForDependencies();
            GpuExternalHandles? vulkan = null;
            if (options->Vulkan != null)
            {
                NativeVulkan v = *options->Vulkan;
                vulkan = new GpuExternalHandles(v.Instance, v.PhysicalDevice, v.Device, v.QueueFamilyIndex, v.QueueIndex);
            }

            var renderer = XrayRenderer.Create(new XrayRendererOptions
            {
                DenoiserModelPath = Utf8(options->DenoiserModelPath)!,
                KeypointModelPath = Utf8(options->KeypointModelPath),
                OnnxRuntimePath = Utf8(options->OnnxRuntimePath),
                Vulkan = vulkan,
                EnableValidation = options->EnableValidation != 0,
                Output = (RendererOutput)options->Output,
                IntraOpThreads = checked((int)options->Threads),
                Sampler = Settings(options->Sampler),
            });
            *outRenderer = RendererHandles.Add(renderer);
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_destroy</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_destroy")]
    public static int Destroy(nint renderer)
    {
        try
        {
            var r = RendererHandles.Remove(renderer);
            s_held.TryRemove(renderer, out _);
            r.Dispose();
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_push_frame</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_push_frame")]
    public static int PushFrame(nint renderer, byte* rgba, uint width, uint height, uint strideBytes)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (rgba == null)
            {
                return Fail(RendererStatus.InvalidArgument, "rgba is NULL: pass the frame's pixels");
            }

            if (width > XrayRenderer.MaxFrameSide || height > XrayRenderer.MaxFrameSide || strideBytes > int.MaxValue / XrayRenderer.MaxFrameSide)
            {
                return Fail(RendererStatus.InvalidArgument,
                    $"a {width}×{height} frame (stride {strideBytes}) is out of range: frames are {XrayRenderer.MinFrameWidth}×{XrayRenderer.MinFrameHeight} to {XrayRenderer.MaxFrameSide}×{XrayRenderer.MaxFrameSide} pixels");
            }

            long stride = strideBytes == 0 ? width * 4L : strideBytes;
            long length = height == 0 ? 0 : (stride * (height - 1)) + (width * 4L);
            r.PushFrame(new ReadOnlySpan<byte>(rgba, (int)Math.Min(length, int.MaxValue)), (int)width, (int)height, (int)strideBytes);
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_push_frame_image</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_push_frame_image")]
    public static int PushFrameImage(nint renderer, ulong image, uint format, int layout, uint width, uint height, ulong waitSemaphore)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (width > XrayRenderer.MaxFrameSide || height > XrayRenderer.MaxFrameSide)
            {
                return Fail(RendererStatus.InvalidArgument,
                    $"a {width}×{height} frame is out of range: frames are {XrayRenderer.MinFrameWidth}×{XrayRenderer.MinFrameHeight} to {XrayRenderer.MaxFrameSide}×{XrayRenderer.MaxFrameSide} pixels");
            }

            r.PushFrame(image, (RendererImageFormat)format, (uint)layout, (int)width, (int)height, waitSemaphore);
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_acquire_result</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_acquire_result")]
    public static int AcquireResult(nint renderer, uint timeoutMs, NativeResult* outResult)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (outResult == null)
            {
                return Fail(RendererStatus.InvalidArgument, "out_result is NULL: pass an sccdm_result to fill");
            }

            if (!r.TryAcquire(TimeSpan.FromMilliseconds(timeoutMs), out var frame))
            {
                LastError.Set($"no new result within {timeoutMs} ms: push a frame, or wait longer");
                return (int)RendererStatus.NotReady;
            }

            *outResult = new NativeResult
            {
                Image = frame!.Image,
                Fence = frame.Fence,
                Width = (uint)frame.Width,
                Height = (uint)frame.Height,
                Format = 37, // VK_FORMAT_R8G8B8A8_UNORM
                Layout = (int)frame.Layout,
                FrameId = (ulong)frame.FrameId,
                Reused = frame.Reused ? 1 : 0,
                NetworkCalls = (uint)frame.NetworkCalls,
            };
            s_held[renderer] = frame;
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_release_result</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_release_result")]
    public static int ReleaseResult(nint renderer)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (!s_held.TryGetValue(renderer, out var frame))
            {
                return Fail(RendererStatus.InvalidState, "no result is held: acquire one first (release each result once)");
            }

            r.Release(frame);
            s_held.TryRemove(renderer, out _);
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_get_measurements</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_get_measurements")]
    public static int GetMeasurements(nint renderer, NativeMeasurements* outMeasurements)
    {
        try
        {
            RendererHandles.Get(renderer);
            if (outMeasurements == null)
            {
                return Fail(RendererStatus.InvalidArgument, "out_measurements is NULL: pass an sccdm_measurements to fill");
            }

            if (!s_held.TryGetValue(renderer, out var frame))
            {
                return Fail(RendererStatus.InvalidState, "no result is held: acquire one, then read its measurements before releasing it");
            }

            var m = new NativeMeasurements
            {
                FrameId = (ulong)frame.FrameId,
                HasKeypoints = frame.HasKeypoints ? 1 : 0,
                Kcc = frame.Kcc,
                Reused = frame.Reused ? 1 : 0,
                NetworkCalls = (uint)frame.NetworkCalls,
                XraySize = (uint)frame.XraySize,
                LatencyNs = (ulong)Math.Max(0, (frame.CompletedTimestamp - frame.PushTimestamp) * (1e9 / Stopwatch.Frequency)),
            };
            var points = frame.Keypoints;
            for (int i = 0; i < SynthesisResult.KeypointCount; i++)
            {
                m.Keypoints[(3 * i) + 0] = points[i].X;
                m.Keypoints[(3 * i) + 1] = points[i].Y;
                m.Keypoints[(3 * i) + 2] = points[i].Confidence;
            }

            if (frame.Angles is { } angles)
            {
                m.HasAngles = 1;
                m.HvaDegrees = angles.Hva;
                m.ImaDegrees = angles.Ima;
            }

            *outMeasurements = m;
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_get_synthesis_counts</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_get_synthesis_counts")]
    public static int GetSynthesisCounts(nint renderer, NativeSynthesisCounts* outCounts)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (outCounts == null)
            {
                return Fail(RendererStatus.InvalidArgument, "out_counts is NULL: pass an sccdm_synthesis_counts to fill");
            }

            var c = r.SynthesisCounts;
            *outCounts = new NativeSynthesisCounts
            {
                NewFrames = (ulong)c.New,
                ModerateFrames = (ulong)c.Moderate,
                UnchangedFrames = (ulong)c.Unchanged,
                ColdSamples = (ulong)c.ColdSamples,
                WarmSamples = (ulong)c.WarmSamples,
                Reused = (ulong)c.Reused,
            };
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_set_sampler_options</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_set_sampler_options")]
    public static int SetSamplerOptions(nint renderer, NativeSamplerOptions* options)
    {
        try
        {
            var r = RendererHandles.Get(renderer);
            if (options == null)
            {
                return Fail(RendererStatus.InvalidArgument, "options is NULL: pass an sccdm_sampler_options");
            }

            r.Sampler = Settings(*options);
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_lock_queue</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_lock_queue")]
    public static int LockQueue(nint renderer)
    {
        try
        {
            RendererHandles.Get(renderer).QueueLock.Enter();
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_unlock_queue</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_unlock_queue")]
    public static int UnlockQueue(nint renderer)
    {
        try
        {
            var queueLock = RendererHandles.Get(renderer).QueueLock;
            if (!queueLock.IsHeldByCurrentThread)
            {
                return Fail(RendererStatus.WrongThread, "this thread does not hold the queue lock: unlock on the thread that called sccdm_lock_queue");
            }

            queueLock.Exit();
            return Ok();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary><c>sccdm_last_error</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "sccdm_last_error")]
    public static byte* LastErrorMessage()
    {
        try
        {
            return LastError.Pointer;
        }
        catch
        {
            // A u8 literal lives in the image's read-only data: its address never moves.
            fixed (byte* empty = "\0"u8)
            {
                return empty;
            }
        }
    }

    // The held result per renderer handle (the C ABI releases by handle, the C# API by object).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<nint, RendererFrame> s_held = new();

    private static RendererSamplerSettings Settings(NativeSamplerOptions o)
    {
        var defaults = new RendererSamplerSettings();
        return new RendererSamplerSettings
        {
            Steps = o.Steps == 0 ? defaults.Steps : (int)Math.Min(o.Steps, int.MaxValue),
            Variant = (SamplerVariant)o.Variant,
            WarmStart = o.WarmStart != 0,
            SimilarityThreshold = o.SimilarityThreshold < 0 ? defaults.SimilarityThreshold : o.SimilarityThreshold,
            Seed = o.Seed == 0 ? defaults.Seed : o.Seed,
        };
    }

    // The host program lives anywhere; ONNX Runtime is searched above this library's own folder (artifacts/native in
    // the repository finds .deps/onnxruntime), unless the host passes onnxruntime_path or sets SCCDM_ORT_PATH.
    private static void UseOwnFolderForDependencies()
    {
        if (NativeModule.PathContaining((nint)(delegate* unmanaged<NativeCreateOptions*, nint*, int>)&Create) is { } self
            && Path.GetDirectoryName(self) is { Length: > 0 } folder)
        {
            OrtLibrary.SearchBaseDirectory = folder;
        }
    }

    private static string? Utf8(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);

    private static int Ok()
    {
        LastError.Set("");
        return (int)RendererStatus.Ok;
    }

    private static int Fail(RendererStatus status, string message)
    {
        LastError.Set(message);
        return (int)status;
    }

    private static int Fail(Exception e)
    {
        try
        {
            var status = RendererException.StatusOf(e);
            LastError.Set(e is RendererException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            return (int)status;
        }
        catch
        {
            return (int)RendererStatus.Internal;
        }
    }
}
