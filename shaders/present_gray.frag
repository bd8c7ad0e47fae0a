#version 460
// Draws a float image (row-major storage buffer, values in [-1, 1]) as grayscale:
// gray = clamp((v + 1) / 2, 0, 1), alpha = 1. The source is resampled bilinearly to the render target size with
// pixel-center alignment (source coordinate = (dst + 0.5) * src_size / dst_size - 0.5) and clamp-to-edge borders.
#extension GL_GOOGLE_include_directive : require
#include "image_buffer.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Source { float src[]; };

layout(push_constant) uniform Params
{
    int src_width;
    int src_height;
    int dst_width;
    int dst_height;
} params;

layout(location = 0) out vec4 out_color;

float texel(int x, int y)
{
    return src[clamp_index(y, params.src_height) * params.src_width + clamp_index(x, params.src_width)];
}

void main()
{
    // gl_FragCoord is at pixel centers (x + 0.5, y + 0.5); row 0 is the top row of the image and of the buffer.
    vec2 scale = vec2(params.src_width, params.src_height) / vec2(params.dst_width, params.dst_height);
    vec2 p = gl_FragCoord.xy * scale - 0.5;
    vec2 base = floor(p);
    vec2 f = p - base;
    int x0 = int(base.x);
    int y0 = int(base.y);
    float top = mix(texel(x0, y0), texel(x0 + 1, y0), f.x);
    float bottom = mix(texel(x0, y0 + 1), texel(x0 + 1, y0 + 1), f.x);
    float v = mix(top, bottom, f.y);
    float gray = clamp((v + 1.0) * 0.5, 0.0, 1.0);
    out_color = vec4(gray, gray, gray, 1.0);
}
