#version 460
// Sampler step 4: x0 = clamp((d_t - sqrt(1 - abar) * eps) / sqrt(abar), -2, 2). The coefficients are computed in
// double on the CPU and cast to float exactly as SamplerMath.PredictX0 does; `precise` keeps the float32 rounding
// of the reference (no FMA contraction), which matters because 1/sqrt(abar) reaches ~158 at t = 999.
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Sample { float d[]; };
layout(std430, set = 0, binding = 1) readonly buffer Eps { float eps[]; };
layout(std430, set = 0, binding = 2) writeonly buffer X0 { float x0[]; };

layout(push_constant) uniform Params
{
    int n;
    float sqrt_alpha_bar;
    float sqrt_one_minus_alpha_bar;
    float limit; // SamplerMath.X0Clamp
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    precise float v = (d[i] - p.sqrt_one_minus_alpha_bar * eps[i]) / p.sqrt_alpha_bar;
    x0[i] = clamp(v, -p.limit, p.limit);
}
