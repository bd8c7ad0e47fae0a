#version 460
// Video warm start: d_{t_k} = sqrt(abar) * d0_prev + sqrt(1 - abar) * z (SamplerMath.WarmStart). The previous d0
// and the output may be the same buffer (each invocation reads its element before writing it).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Previous { float previous_d0[]; };
layout(std430, set = 0, binding = 1) readonly buffer Noise { float noise[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Sample { float d[]; };

layout(push_constant) uniform Params
{
    int n;
    float sqrt_alpha_bar;
    float sqrt_one_minus_alpha_bar;
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    precise float v = p.sqrt_alpha_bar * previous_d0[i] + p.sqrt_one_minus_alpha_bar * noise[i];
    d[i] = v;
}
