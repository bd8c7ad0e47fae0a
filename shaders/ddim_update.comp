#version 460
// Sampler steps 7-8: x0' = (d - sqrt(1 - abar) * eps) / sqrt(abar), then
// d_prev = sqrt(abar_prev) * x0' + sqrt(1 - abar_prev - sigma^2) * eps + sigma * z (SamplerMath.DdimUpdate).
// d and d_prev may be the same buffer (each invocation reads its element before writing it), which is how the
// sampler updates the network's bound d_t in place.
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Sample { float d[]; };
layout(std430, set = 0, binding = 1) readonly buffer Eps { float eps[]; };
layout(std430, set = 0, binding = 2) readonly buffer Noise { float noise[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Previous { float d_prev[]; };

layout(push_constant) uniform Params
{
    int n;
    float sqrt_alpha_bar;
    float sqrt_one_minus_alpha_bar;
    float sqrt_alpha_bar_prev;
    float direction;  // sqrt(max(1 - abar_prev - sigma^2, 0))
    float sigma;
    int noisy;        // sigma != 0: the reference skips the noise term (and its buffer) otherwise
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    float e = eps[i];
    precise float x0 = (d[i] - p.sqrt_one_minus_alpha_bar * e) / p.sqrt_alpha_bar;
    precise float v = p.sqrt_alpha_bar_prev * x0 + p.direction * e;
    if (p.noisy != 0)
    {
        v = v + p.sigma * noise[i];
    }
    d_prev[i] = v;
}
