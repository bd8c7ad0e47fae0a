// Bilinear sampling with half-pixel centres and edge clamp (torch's align_corners=False), written exactly like the
// C# references (SamplerMath.FuseMultiScale, CameraToCond): f = max((i + 0.5) * scale - 0.5, 0), i0 = min(int(f),
// size - 1), i1 = min(i0 + 1, size - 1), weight = f - i0. Callers declare their math `precise` so no FMA contraction
// makes the GPU round differently from the float32 reference.
#ifndef SCCDM_HALF_PIXEL_GLSL
#define SCCDM_HALF_PIXEL_GLSL

void half_pixel_taps(int i, float scale, int size, out int i0, out int i1, out float w)
{
    precise float f = max((float(i) + 0.5) * scale - 0.5, 0.0);
    i0 = min(int(f), size - 1);
    i1 = min(i0 + 1, size - 1);
    w = f - float(i0);
}

// top/bottom interpolation in the reference's order: a + w * (b - a).
float lerp_ref(float a, float b, float w)
{
    precise float r = a + w * (b - a);
    return r;
}

#endif
