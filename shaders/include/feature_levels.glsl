// The multi-scale feature stack: every decoder level's F_t^l lives in one buffer at its own offset (in floats); a
// small table says where and how big each level is, and the scale from the output size to the level
// (level size / output size, computed in C# as (float)W_l / W). See Sampling/Gpu/FeatureStack.cs.
#ifndef SCCDM_FEATURE_LEVELS_GLSL
#define SCCDM_FEATURE_LEVELS_GLSL

#define MAX_FEATURE_LEVELS 8

struct FeatureLevel
{
    int offset;   // first element of the level in the feature buffer
    int width;
    int height;
    float scale_x; // level width / output width
    float scale_y; // level height / output height
    int pad0;
    int pad1;
    int pad2;
};

#endif
