#version 460
// One pass of the separable SCCDM Gaussian blur (see include/gaussian5.glsl).
// Dispatched twice: direction (1, 0) from src into tmp, then direction (0, 1) from tmp into dst.
#extension GL_GOOGLE_include_directive : require
#include "gaussian5.glsl"
#include "image_buffer.glsl"

layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Source { float src[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Destination { float dst[]; };

layout(push_constant) uniform Params
{
    int width;
    int height;
    int dx; // 1 for the horizontal pass, 0 otherwise
    int dy; // 1 for the vertical pass, 0 otherwise
} params;

float at(int x, int y)
{
    return src[clamp_index(y, params.height) * params.width + clamp_index(x, params.width)];
}

void main()
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= params.width || y >= params.height)
    {
        return;
    }

    int dx = params.dx;
    int dy = params.dy;
    float sum = GAUSS5_W2 * at(x - 2 * dx, y - 2 * dy);
    sum += GAUSS5_W1 * at(x - dx, y - dy);
    sum += GAUSS5_W0 * at(x, y);
    sum += GAUSS5_W1 * at(x + dx, y + dy);
    sum += GAUSS5_W2 * at(x + 2 * dx, y + 2 * dy);
    dst[y * params.width + x] = sum;
}
