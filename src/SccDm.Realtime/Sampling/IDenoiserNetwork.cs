namespace SccDm.Realtime.Sampling;

/// <summary>
/// One pass of the SCCDM denoiser: ε, A, F ← net(d_t, c, t). Implemented over ONNX Runtime; tests may use a
/// closed-form stand-in.
/// </summary>
public interface IDenoiserNetwork
{
    /// <summary>Model input size H = W.</summary>
    int ImageSize { get; }

    /// <summary>Timestep schedule read from the model.</summary>
    DiffusionSchedule Schedule { get; }

    /// <summary>Default gate threshold ψ from the model.</summary>
    float DefaultPsi { get; }

    /// <summary>Shapes of the outputs, for allocating <see cref="DenoiserOutput"/>.</summary>
    DenoiserOutputShape OutputShape { get; }

    /// <summary>Runs the network on one sample, writing into <paramref name="output"/>.</summary>
    void Run(ReadOnlySpan<float> dT, ReadOnlySpan<float> cond, int t, DenoiserOutput output);
}
