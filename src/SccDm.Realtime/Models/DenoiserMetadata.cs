namespace SccDm.Realtime.Models;

/// <summary>
/// The denoiser's <c>sccdm.*</c> metadata, parsed: everything a diffusion schedule and the sampler need. The app takes
/// the schedule from here, never from constants of its own.
/// </summary>
/// <param name="T">Training timesteps (<c>sccdm.T</c>), e.g. 1000.</param>
/// <param name="BetaStart">First β (<c>sccdm.beta_start</c>), e.g. 1e-4.</param>
/// <param name="BetaEnd">Last β (<c>sccdm.beta_end</c>), e.g. 0.02.</param>
/// <param name="Schedule">β schedule name (<c>sccdm.schedule</c>): "linear".</param>
/// <param name="ImageSize">Side of the square training images (<c>sccdm.image_size</c>).</param>
/// <param name="Psi">Attention gate threshold ψ (<c>sccdm.psi</c>).</param>
/// <param name="TrainingData">What the model was trained on (<c>sccdm.training_data</c>).</param>
/// <param name="Version">The model's version string (<c>sccdm.version</c>).</param>
public sealed record DenoiserMetadata(
    int T,
    double BetaStart,
    double BetaEnd,
    string Schedule,
    int ImageSize,
    double Psi,
    string TrainingData,
    string Version);
