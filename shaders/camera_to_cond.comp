#version 460
// Camera frame -> cond: RGBA8 frame (any size) to the model's square gray input in [-1, 1]. Gray is the luma
// 0.299 R + 0.587 G + 0.114 B of the 0..255 values, then / 127.5 - 1 (as the training data). The frame is
// letterboxed: scaled to fit the longer side, centred, sampled bilinearly with half-pixel centres; the bands
// outside it are -1 (black). Reference: Sampling/Reference/CameraToCond.cs.
#extension GL_GOOGLE_include_directive : require
#include "half_pixel.glsl"

layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer Frame { uint rgba[]; }; // one RGBA8 pixel per uint, R in the low byte
layout(std430, set = 0, binding = 1) writeonly buffer Cond { float cond[]; };

layout(push_constant) uniform Params
{
    int frame_width;
    int frame_height;
    int size;          // model H = W
    int content_width; // letterboxed image inside size x size
    int content_height;
    int offset_x;
    int offset_y;
    float scale_x;     // frame_width / content_width, from C#
    float scale_y;
} p;

float gray(int x, int y)
{
    uint v = rgba[y * p.frame_width + x];
    float r = float(v & 0xFFu);
    float g = float((v >> 8) & 0xFFu);
    float b = float((v >> 16) & 0xFFu);
    precise float luma = 0.299 * r + 0.587 * g + 0.114 * b;
    precise float n = luma / 127.5 - 1.0;
    return n;
}

void main()
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= p.size || y >= p.size)
    {
        return;
    }

    int cx = x - p.offset_x;
    int cy = y - p.offset_y;
    if (cx < 0 || cy < 0 || cx >= p.content_width || cy >= p.content_height)
    {
        cond[y * p.size + x] = -1.0;
        return;
    }

    int x0, x1, y0, y1;
    float wx, wy;
    half_pixel_taps(cx, p.scale_x, p.frame_width, x0, x1, wx);
    half_pixel_taps(cy, p.scale_y, p.frame_height, y0, y1, wy);
    float top = lerp_ref(gray(x0, y0), gray(x1, y0), wx);
    float bottom = lerp_ref(gray(x0, y1), gray(x1, y1), wx);
    cond[y * p.size + x] = lerp_ref(top, bottom, wy);
}
