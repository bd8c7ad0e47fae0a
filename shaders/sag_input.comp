#version 460
// SAG guidance input: d_bar = (1 - G) * d_t + G * d~_t (SamplerMath.SagInput).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Sample { float d[]; };
layout(std430, set = 0, binding = 1) readonly buffer Renoised { float d_tilde[]; };
layout(std430, set = 0, binding = 2) readonly buffer Gate { float gate[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Guidance { float d_bar[]; };

layout(push_constant) uniform Params
{
    int n;
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    float g = gate[i];
    precise float v = (1.0 - g) * d[i] + g * d_tilde[i];
    d_bar[i] = v;
}
