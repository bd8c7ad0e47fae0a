#version 460
// Presents a CPU-composed RGBA8 image (a storage buffer of packed uints, row-major, byte 0 = R) 1:1 into the
// swapchain image. Writing through a fragment shader lets one code path serve any swapchain format: BGRA or RGBA
// order comes for free, and an sRGB target gets linear values so the hardware's encode restores the composed bytes.
layout(std430, set = 0, binding = 0) readonly buffer Pixels { uint px[]; };

layout(push_constant) uniform Params
{
    int width;
    int height;
    int srgb_target;
} params;

layout(location = 0) out vec4 out_color;

vec3 srgb_to_linear(vec3 c)
{
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

void main()
{
    ivec2 p = ivec2(gl_FragCoord.xy);
    if (p.x >= params.width || p.y >= params.height)
    {
        out_color = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    vec3 c = unpackUnorm4x8(px[p.y * params.width + p.x]).rgb;
    if (params.srgb_target != 0)
    {
        c = srgb_to_linear(c);
    }
    out_color = vec4(c, 1.0);
}
