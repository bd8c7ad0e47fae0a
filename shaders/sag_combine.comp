#version 460
// SAG combine: eps~ = eps_bar + (1 + s) * (eps - eps_bar) (SamplerMath.SagCombine; k = 1 + s from C#).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Eps { float eps[]; };
layout(std430, set = 0, binding = 1) readonly buffer EpsBar { float eps_bar[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Guided { float eps_guided[]; };

layout(push_constant) uniform Params
{
    int n;
    float k;
} p;

void main()
{
    int i = int(gl_GlobalInvocationID.x);
    if (i >= p.n)
    {
        return;
    }

    float b = eps_bar[i];
    precise float v = b + p.k * (eps[i] - b);
    eps_guided[i] = v;
}
