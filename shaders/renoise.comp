#version 460
// Sampler step 5: d~_t = sqrt(abar) * blur(x0) + sqrt(1 - abar) * eps (SamplerMath.Renoise).
#extension GL_GOOGLE_include_directive : require
#include "elementwise.glsl"

layout(local_size_x = ELEMENTWISE_LOCAL_SIZE, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Blurred { float blurred[]; };
layout(std430, set = 0, binding = 1) readonly buffer Eps { float eps[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Renoised { float d_tilde[]; };

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

    precise float v = p.sqrt_alpha_bar * blurred[i] + p.sqrt_one_minus_alpha_bar * eps[i];
    d_tilde[i] = v;
}
