#version 460
// FuseMultiScale, second pass (sampler step 2): M = mean over levels of minmax-normalised bilinear upsamples of
// F_t^l (half-pixel centres, edge clamp); a constant level contributes 0. Same float order as
// SamplerMath.FuseMultiScale: mask = 0; for each level in order, mask += (v - min) * (inv / range).
#extension GL_GOOGLE_include_directive : require
#include "feature_levels.glsl"
#include "half_pixel.glsl"

layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Features { float features[]; };
layout(std430, set = 0, binding = 1) readonly buffer Levels { FeatureLevel levels[]; };
layout(std430, set = 0, binding = 2) readonly buffer MinMax { float minmax[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Mask { float mask[]; };

layout(push_constant) uniform Params
{
    int width;
    int height;
    int level_count;
    float inv_count; // 1f / level_count, from C#
} p;

void main()
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= p.width || y >= p.height)
    {
        return;
    }

    precise float sum = 0.0;
    for (int level = 0; level < p.level_count; level++)
    {
        FeatureLevel l = levels[level];
        float lo = minmax[2 * level];
        precise float range = minmax[2 * level + 1] - lo;
        precise float scale = range > 0.0 ? p.inv_count / range : 0.0;
        int x0, x1, y0, y1;
        float wx, wy;
        half_pixel_taps(y, l.scale_y, l.height, y0, y1, wy);
        half_pixel_taps(x, l.scale_x, l.width, x0, x1, wx);
        int row0 = l.offset + y0 * l.width;
        int row1 = l.offset + y1 * l.width;
        float top = lerp_ref(features[row0 + x0], features[row0 + x1], wx);
        float bottom = lerp_ref(features[row1 + x0], features[row1 + x1], wx);
        float v = lerp_ref(top, bottom, wy);
        sum += (v - lo) * scale;
    }
    mask[y * p.width + x] = sum;
}
