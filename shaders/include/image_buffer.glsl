// Row-major float images stored in storage buffers: element (x, y) of a width x height image is at y * width + x.
#ifndef SCCDM_IMAGE_BUFFER_GLSL
#define SCCDM_IMAGE_BUFFER_GLSL

int clamp_index(int i, int size)
{
    return clamp(i, 0, size - 1);
}

#endif
