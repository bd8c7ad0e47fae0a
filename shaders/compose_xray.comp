#version 460
// Output image: x = clamp(d0 + c, -1, 1) (SamplerMath.Compose).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Sample { float d0[]; };
layout(std430, set = 0, binding = 1) readonly buffer Cond { float cond[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Image { float image[]; };

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

    precise float v = d0[i] + cond[i];
    image[i] = clamp(v, -1.0, 1.0);
}
