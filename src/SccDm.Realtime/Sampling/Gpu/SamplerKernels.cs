using System.Runtime.InteropServices;
using SccDm.Realtime.Gpu;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// The compute pipelines of every non-network sampler step (shaders/*.comp, one kernel per step) and a
/// <c>Record…</c> method per step that mirrors its <see cref="SamplerMath"/> / <see cref="CameraToCond"/> reference:
/// the same arguments, and the float coefficients derived from ᾱ in double and cast to float exactly as the
/// reference does, so the shader sees bit-identical constants. Each method records one step's dispatch(es) and
/// nothing else: barriers between steps are the caller's (see <see cref="CommandRecorder"/>), except inside
/// <see cref="RecordFuseMultiScale"/>, whose two passes need one. Recording allocates nothing once each buffer
/// combination has been seen (descriptor sets are cached per kernel).
/// </summary>
public sealed class SamplerKernels : IDisposable
{
    /// <summary>local_size_x of the per-element kernels (ELEMENTWISE_LOCAL_SIZE in include/elementwise.glsl).</summary>
    public const int ElementwiseLocalSize = 256;

    /// <summary>local_size_x = local_size_y of the per-pixel image kernels.</summary>
    public const int ImageLocalSize = 16;

    private readonly ComputeKernel[] _all;
    private readonly ComputeKernel _cameraToCond, _minMax, _fuse, _gate, _predict, _renoise, _blend, _ddim, _sagInput, _sagCombine, _warmStart, _compose;
    private int _disposed;

    private SamplerKernels(ComputeKernel[] all)
    {
        _all = all;
        int i = 0;
        _cameraToCond = all[i++]; _minMax = all[i++]; _fuse = all[i++]; _gate = all[i++]; _predict = all[i++]; _renoise = all[i++];
        _blend = all[i++]; _ddim = all[i++]; _sagInput = all[i++]; _sagCombine = all[i++]; _warmStart = all[i++]; _compose = all[i];
    }

    /// <summary>Builds every pipeline on <paramref name="device"/>; dispose before the device.</summary>
    public static unsafe SamplerKernels Create(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        (string Shader, int Buffers, int Push)[] specs =
        [
            ("camera_to_cond.comp", 2, sizeof(CameraParams)),
            ("fuse_multiscale_minmax.comp", 3, sizeof(int)),
            ("fuse_multiscale.comp", 4, sizeof(FuseParams)),
            ("attention_gate.comp", 2, sizeof(GateParams)),
            ("predict_x0.comp", 3, sizeof(PredictParams)),
            ("renoise.comp", 3, sizeof(RenoiseParams)),
            ("refine_blend.comp", 5, sizeof(BlendParams)),
            ("ddim_update.comp", 4, sizeof(DdimParams)),
            ("sag_input.comp", 4, sizeof(int)),
            ("sag_combine.comp", 3, sizeof(SagCombineParams)),
            ("warm_start.comp", 3, sizeof(RenoiseParams)),
            ("compose_xray.comp", 3, sizeof(int)),
        ];
        var kernels = new List<ComputeKernel>(specs.Length);
        try
        {
            foreach ((string shader, int buffers, int push) in specs)
            {
                kernels.Add(ComputeKernel.Create(device, shader, buffers, push));
            }
            return new SamplerKernels([.. kernels]);
        }
        catch
        {
            for (int i = kernels.Count - 1; i >= 0; i--)
            {
                kernels[i].Dispose();
            }
            throw;
        }
    }

    /// <summary>
    /// Camera frame → cond (<see cref="CameraToCond.Apply"/>): <paramref name="frame"/> holds the RGBA8 pixels
    /// (one uint per pixel), <paramref name="cond"/> receives layout.Size² floats.
    /// </summary>
    public void RecordCameraToCond(CommandRecorder recorder, GpuBuffer frame, GpuBuffer cond, in LetterboxLayout layout)
    {
        Require(frame, (long)layout.FrameWidth * layout.FrameHeight * 4, nameof(frame));
        Require(cond, (long)layout.Size * layout.Size * sizeof(float), nameof(cond));
        var p = new CameraParams(layout.FrameWidth, layout.FrameHeight, layout.Size, layout.ContentWidth, layout.ContentHeight,
            layout.OffsetX, layout.OffsetY, layout.ScaleX, layout.ScaleY);
        Image(recorder, _cameraToCond, [frame, cond], p, layout.Size, layout.Size);
    }

    /// <summary>
    /// FuseMultiScale (step 2, <see cref="SamplerMath.FuseMultiScale"/>): min/max per level, a barrier, then the
    /// fused mask. The features must have been written before (by the host before the submit, or by a dispatch
    /// followed by a barrier).
    /// </summary>
    public void RecordFuseMultiScale(CommandRecorder recorder, FeatureStack features, GpuBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(features);
        Require(mask, (long)features.OutputWidth * features.OutputHeight * sizeof(float), nameof(mask));
        ThrowIfDisposed();
        int levels = features.LevelCount;
        // Earlier reads of the min/max (a previous fusion in this command buffer) must finish before the rewrite.
        recorder.BufferBarrier(features.MinMax, Native.Vulkan.PipelineStageFlags.ComputeShaderBit, Native.Vulkan.AccessFlags.ShaderReadBit,
            Native.Vulkan.PipelineStageFlags.ComputeShaderBit, Native.Vulkan.AccessFlags.ShaderWriteBit);
        _minMax.Record(recorder.CommandBuffer, [features.Features, features.LevelTable, features.MinMax], levels, (uint)levels, 1, 1);
        recorder.ComputeToCompute(features.MinMax);
        var p = new FuseParams(features.OutputWidth, features.OutputHeight, levels, 1f / levels);
        Image(recorder, _fuse, [features.Features, features.LevelTable, features.MinMax, mask], p, features.OutputWidth, features.OutputHeight);
    }

    /// <summary>Attention gate (step 3, <see cref="SamplerMath.AttentionGate"/>); with <paramref name="enabled"/> false it writes zeros.</summary>
    public void RecordAttentionGate(CommandRecorder recorder, GpuBuffer attention, int attnWidth, int attnHeight, float psi, bool enabled, GpuBuffer gate, int width, int height)
    {
        Require(attention, (long)attnWidth * attnHeight * sizeof(float), nameof(attention));
        Require(gate, (long)width * height * sizeof(float), nameof(gate));
        Image(recorder, _gate, [attention, gate], new GateParams(width, height, attnWidth, attnHeight, psi, enabled ? 1 : 0), width, height);
    }

    /// <summary>Step 4 (<see cref="SamplerMath.PredictX0"/>): d̂₀ = clamp((d_t − √(1−ᾱ)·ε)/√ᾱ, −2, 2).</summary>
    public void RecordPredictX0(CommandRecorder recorder, GpuBuffer dT, GpuBuffer eps, double alphaBar, GpuBuffer x0, int count)
    {
        var p = new PredictParams(count, (float)Math.Sqrt(alphaBar), (float)Math.Sqrt(1 - alphaBar), SamplerMath.X0Clamp);
        Elementwise(recorder, _predict, [dT, eps, x0], p, count);
    }

    /// <summary>Step 5 (<see cref="SamplerMath.Renoise"/>): d̃_t = √ᾱ·blur(d̂₀) + √(1−ᾱ)·ε.</summary>
    public void RecordRenoise(CommandRecorder recorder, GpuBuffer blurredX0, GpuBuffer eps, double alphaBar, GpuBuffer dTilde, int count)
    {
        var p = new RenoiseParams(count, (float)Math.Sqrt(alphaBar), (float)Math.Sqrt(1 - alphaBar));
        Elementwise(recorder, _renoise, [blurredX0, eps, dTilde], p, count);
    }

    /// <summary>Step 6 (<see cref="SamplerMath.Blend"/>): d_attn = (1−G)·((1−λM)·d_t + λM·d̃_t) + G·d̃_t.</summary>
    public void RecordBlend(CommandRecorder recorder, GpuBuffer dT, GpuBuffer dTilde, GpuBuffer mask, GpuBuffer gate, float lambda, GpuBuffer dAttn, int count)
        => Elementwise(recorder, _blend, [dT, dTilde, mask, gate, dAttn], new BlendParams(count, lambda), count);

    /// <summary>SAG input (<see cref="SamplerMath.SagInput"/>): d̄_t = (1−G)·d_t + G·d̃_t.</summary>
    public void RecordSagInput(CommandRecorder recorder, GpuBuffer dT, GpuBuffer dTilde, GpuBuffer gate, GpuBuffer dBar, int count)
        => Elementwise(recorder, _sagInput, [dT, dTilde, gate, dBar], count, count);

    /// <summary>SAG combine (<see cref="SamplerMath.SagCombine"/>): ε̃ = ε̄ + (1+s)(ε − ε̄).</summary>
    public void RecordSagCombine(CommandRecorder recorder, GpuBuffer eps, GpuBuffer epsBar, float scale, GpuBuffer epsGuided, int count)
        => Elementwise(recorder, _sagCombine, [eps, epsBar, epsGuided], new SagCombineParams(count, 1 + scale), count);

    /// <summary>
    /// Steps 7–8 (<see cref="SamplerMath.DdimUpdate"/>). <paramref name="noise"/> is read only when σ ≠ 0 but is
    /// always bound. <paramref name="dPrev"/> may be <paramref name="d"/> itself (updated in place).
    /// </summary>
    public void RecordDdimUpdate(CommandRecorder recorder, GpuBuffer d, GpuBuffer eps, double alphaBar, double alphaBarPrev, double sigma, GpuBuffer noise, GpuBuffer dPrev, int count)
    {
        float sg = (float)sigma;
        var p = new DdimParams(
            count,
            (float)Math.Sqrt(alphaBar),
            (float)Math.Sqrt(1 - alphaBar),
            (float)Math.Sqrt(alphaBarPrev),
            (float)Math.Sqrt(Math.Max(1 - alphaBarPrev - sigma * sigma, 0)),
            sg,
            sg != 0f ? 1 : 0);
        Elementwise(recorder, _ddim, [d, eps, noise, dPrev], p, count);
    }

    /// <summary>Warm start (<see cref="SamplerMath.WarmStart"/>); <paramref name="dT"/> may be <paramref name="previousD0"/> itself.</summary>
    public void RecordWarmStart(CommandRecorder recorder, GpuBuffer previousD0, GpuBuffer noise, double alphaBar, GpuBuffer dT, int count)
    {
        var p = new RenoiseParams(count, (float)Math.Sqrt(alphaBar), (float)Math.Sqrt(1 - alphaBar));
        Elementwise(recorder, _warmStart, [previousD0, noise, dT], p, count);
    }

    /// <summary>Output image (<see cref="SamplerMath.Compose"/>): x = clamp(d₀ + c, −1, 1).</summary>
    public void RecordCompose(CommandRecorder recorder, GpuBuffer d0, GpuBuffer cond, GpuBuffer image, int count)
        => Elementwise(recorder, _compose, [d0, cond, image], count, count);

    /// <summary>Destroys the pipelines in reverse order of creation. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        for (int i = _all.Length - 1; i >= 0; i--)
        {
            _all[i].Dispose();
        }
    }

    private void Elementwise<TPush>(CommandRecorder recorder, ComputeKernel kernel, ReadOnlySpan<GpuBuffer> buffers, in TPush push, int count)
        where TPush : unmanaged
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        long bytes = (long)count * sizeof(float);
        for (int i = 0; i < buffers.Length; i++)
        {
            Require(buffers[i], bytes, kernel.ShaderName);
        }
        kernel.Record(recorder.CommandBuffer, buffers, push, ComputeKernel.GroupCount(count, ElementwiseLocalSize), 1, 1);
    }

    private void Image<TPush>(CommandRecorder recorder, ComputeKernel kernel, ReadOnlySpan<GpuBuffer> buffers, in TPush push, int width, int height)
        where TPush : unmanaged
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        kernel.Record(recorder.CommandBuffer, buffers, push, ComputeKernel.GroupCount(width, ImageLocalSize), ComputeKernel.GroupCount(height, ImageLocalSize), 1);
    }

    private static void Require(GpuBuffer buffer, long bytes, string what)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.SizeInBytes < bytes)
        {
            throw new ArgumentException($"{what}: a buffer holds {buffer.SizeInBytes} bytes, {bytes} needed");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    // Push-constant blocks, laid out like the shaders' (std430 scalars, declaration order).
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct CameraParams(int FrameWidth, int FrameHeight, int Size, int ContentWidth, int ContentHeight, int OffsetX, int OffsetY, float ScaleX, float ScaleY);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct FuseParams(int Width, int Height, int LevelCount, float InvCount);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct GateParams(int Width, int Height, int AttnWidth, int AttnHeight, float Psi, int Enabled);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct PredictParams(int Count, float SqrtAlphaBar, float SqrtOneMinusAlphaBar, float Limit);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RenoiseParams(int Count, float SqrtAlphaBar, float SqrtOneMinusAlphaBar);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct BlendParams(int Count, float Lambda);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct SagCombineParams(int Count, float K);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct DdimParams(int Count, float SqrtAlphaBar, float SqrtOneMinusAlphaBar, float SqrtAlphaBarPrev, float Direction, float Sigma, int Noisy);
}
