using SccDm.Realtime.Hosting;

namespace SccDm.Realtime.Interop;

/// <summary>
/// The C handles: small integers handed out as <c>sccdm_renderer*</c>, never pointers to managed objects, so a null,
/// made-up or destroyed handle is recognised and answered with a status instead of being dereferenced.
/// </summary>
internal static class RendererHandles
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<nint, XrayRenderer> s_live = [];
    private static nint s_next = 1;

    public static nint Add(XrayRenderer renderer)
    {
        lock (s_gate)
        {
            nint handle = s_next++;
            s_live.Add(handle, renderer);
            return handle;
        }
    }

    /// <summary>The renderer of <paramref name="handle"/>; throws with InvalidHandle or Destroyed.</summary>
    public static XrayRenderer Get(nint handle)
    {
        lock (s_gate)
        {
            if (s_live.TryGetValue(handle, out var renderer))
            {
                return renderer;
            }

            throw Unknown(handle);
        }
    }

    /// <summary>Forgets <paramref name="handle"/> and returns its renderer (to dispose); throws like <see cref="Get"/>.</summary>
    public static XrayRenderer Remove(nint handle)
    {
        lock (s_gate)
        {
            if (s_live.Remove(handle, out var renderer))
            {
                return renderer;
            }

            throw Unknown(handle);
        }
    }

    private static RendererException Unknown(nint handle) => handle == 0
        ? new RendererException(RendererStatus.InvalidHandle, "the renderer is NULL: pass the handle sccdm_create returned")
        : handle > 0 && handle < s_next
            ? new RendererException(RendererStatus.Destroyed, $"renderer {handle} was destroyed: create a new one (no call is allowed after sccdm_destroy)")
            : new RendererException(RendererStatus.InvalidHandle, $"0x{handle:X} is not a renderer: pass the handle sccdm_create returned");
}
