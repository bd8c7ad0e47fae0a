using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Posix;

/// <summary>Which shared object a code address belongs to (dladdr): lets a library find the folder it was loaded from.</summary>
public static unsafe partial class NativeModule
{
    /// <summary>
    /// The path of the shared object that holds <paramref name="address"/> (e.g. an exported function of a NativeAOT
    /// library), or null when the address is not in a loaded object (JIT-compiled code, say).
    /// </summary>
    public static string? PathContaining(nint address)
    {
        DlInfo info;
        if (address == 0 || dladdr((void*)address, &info) == 0 || info.FileName == null)
        {
            return null;
        }

        return Marshal.PtrToStringUTF8((nint)info.FileName);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* BaseAddress;
        public byte* SymbolName;
        public void* SymbolAddress;
    }

    [LibraryImport("libc")]
    private static partial int dladdr(void* address, DlInfo* info);
}
