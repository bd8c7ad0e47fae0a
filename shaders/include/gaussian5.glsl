// SCCDM sampler blur: 5-tap Gaussian, sigma = 1.0, weights exp(-k^2 / 2) for k = -2..2, normalized to sum 1.
// Applied separably (horizontal pass, then vertical pass) with clamp-to-edge borders, which equals the 5x5
// 2D Gaussian with clamp-to-edge on both axes. The C# reference (Gpu/Reference/GaussianBlurReference.cs)
// uses the same literals and the same summation order (k = -2..2).
#ifndef SCCDM_GAUSSIAN5_GLSL
#define SCCDM_GAUSSIAN5_GLSL

const float GAUSS5_W0 = 0.40261994689424746; // k = 0
const float GAUSS5_W1 = 0.24420134200323335; // |k| = 1
const float GAUSS5_W2 = 0.054488684549642945; // |k| = 2

#endif
