#version 460
// Fullscreen triangle without vertex buffers: vertices (-1,-1), (3,-1), (-1,3) cover the viewport.
// No varyings: the fragment shader works from gl_FragCoord.
void main()
{
    vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
    gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}
