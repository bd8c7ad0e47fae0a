#version 460
// Sampler step 6: d_attn = (1 - G) * ((1 - lambda M) * d_t + lambda M * d~_t) + G * d~_t (SamplerMath.Blend).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Sample { float d[]; };
layout(std430, set = 0, binding = 1) readonly buffer Renoised { float d_tilde[]; };
layout(std430, set = 0, binding = 2) readonly buffer Mask { float mask[]; };
layout(std430, set = 0, binding = 3) readonly buffer Gate { float gate[]; };
layout(std430, set = 0, binding = 4) writeonly buffer Blended { float d_attn[]; };

layout(push_constant) uniform Params
{
    int n;
    float lambda;
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    precise float m = p.lambda * mask[i];
    precise float refined = (1.0 - m) * d[i] + m * d_tilde[i];
    float g = gate[i];
    precise float v = (1.0 - g) * refined + g * d_tilde[i];
    d_attn[i] = v;
}
