using System.Runtime.InteropServices;
using System.Text;

namespace SccDm.Realtime.Interop;

/// <summary>
/// The per-thread message behind <c>sccdm_last_error</c>: a NUL-terminated UTF-8 copy in native memory that stays
/// valid until the thread's next call (each thread keeps one buffer, grown when needed, never freed while the
/// thread lives).
/// </summary>
internal static unsafe class LastError
{
    [ThreadStatic]
    private static byte* t_buffer;

    [ThreadStatic]
    private static int t_capacity;

    public static byte* Pointer
    {
        get
        {
            if (t_buffer == null)
            {
                Set("");
            }

            return t_buffer;
        }
    }

    public static void Set(string message)
    {
        int bytes = Encoding.UTF8.GetByteCount(message) + 1;
        if (bytes > t_capacity)
        {
            t_buffer = (byte*)NativeMemory.Realloc(t_buffer, (nuint)bytes);
            t_capacity = bytes;
        }

        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(t_buffer, bytes));
        t_buffer[written] = 0;
    }
}
