// Shared layout of the sampler's per-element kernels: one invocation per pixel of a row-major float image,
// dispatched as ceil(n / ELEMENTWISE_LOCAL_SIZE) groups along x. Matches SamplerKernels.ElementwiseLocalSize.
#ifndef SCCDM_ELEMENTWISE_GLSL
#define SCCDM_ELEMENTWISE_GLSL

#define ELEMENTWISE_LOCAL_SIZE 256

#endif
