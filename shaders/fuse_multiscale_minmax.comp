#version 460
// FuseMultiScale, first pass: min and max of each feature level (one workgroup per level, a strided scan then a
// shared-memory tree). Min/max are exact, so the order does not matter. Writes minmax[2l] = min, [2l+1] = max.
#extension GL_GOOGLE_include_directive : require
#include "feature_levels.glsl"

#define GROUP 256
layout(local_size_x = GROUP, local_size_y = 1, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Features { float features[]; };
layout(std430, set = 0, binding = 1) readonly buffer Levels { FeatureLevel levels[]; };
layout(std430, set = 0, binding = 2) writeonly buffer MinMax { float minmax[]; };

layout(push_constant) uniform Params
{
    int level_count;
} p;

shared float s_min[GROUP];
shared float s_max[GROUP];

void main()
{
    int level = int(gl_WorkGroupID.x);
    int lane = int(gl_LocalInvocationID.x);
    FeatureLevel l = levels[level];
    int count = l.width * l.height;
    // Infinities as the reference starts: a level is never empty, so they never survive.
    float lo = uintBitsToFloat(0x7F800000u);
    float hi = -lo;
    for (int i = lane; i < count; i += GROUP)
    {
        float v = features[l.offset + i];
        lo = min(lo, v);
        hi = max(hi, v);
    }
    s_min[lane] = lo;
    s_max[lane] = hi;
    barrier();
    for (int stride = GROUP / 2; stride > 0; stride /= 2)
    {
        if (lane < stride)
        {
            s_min[lane] = min(s_min[lane], s_min[lane + stride]);
            s_max[lane] = max(s_max[lane], s_max[lane + stride]);
        }
        barrier();
    }
    if (lane == 0)
    {
        minmax[2 * level] = s_min[0];
        minmax[2 * level + 1] = s_max[0];
    }
}
