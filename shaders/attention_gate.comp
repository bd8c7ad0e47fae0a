#version 460
// Attention gate (sampler step 3): G = 1(nearest-upsample(A) > psi); token (i, j) covers the pixels with
// floor(y * h / H) = i and floor(x * w / W) = j. With gating off it writes 0 everywhere (the ablation switch).
layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Attention { float attn[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Gate { float gate[]; };

layout(push_constant) uniform Params
{
    int width;
    int height;
    int attn_width;
    int attn_height;
    float psi;
    int enabled;
} p;

void main()
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= p.width || y >= p.height)
    {
        return;
    }

    int ay = y * p.attn_height / p.height;
    int ax = x * p.attn_width / p.width;
    gate[y * p.width + x] = (p.enabled != 0 && attn[ay * p.attn_width + ax] > p.psi) ? 1.0 : 0.0;
}
