using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Posix;

/// <summary>
/// Asks the kernel whether this process may read a range of its own memory, without touching it: a pointer a host
/// hands over (a Vulkan handle) can then be refused instead of crashing the process when it is dangling or made up.
/// </summary>
public static unsafe partial class MemoryProbe
{
    /// <summary>
    /// True when <paramref name="bytes"/> bytes at <paramref name="address"/> are mapped readable in this process.
    /// Uses process_vm_readv on the own process (no ptrace permission needed), which fails with EFAULT instead of
    /// faulting. An address that is readable but not what the caller claims cannot be told apart.
    /// </summary>
    public static bool IsReadable(nint address, int bytes)
    {
        if (address == 0 || bytes <= 0)
        {
            return false;
        }

        var buffer = stackalloc byte[Math.Min(bytes, 64)];
        for (int offset = 0; offset < bytes; offset += 64)
        {
            int chunk = Math.Min(64, bytes - offset);
            var local = new IoVec { Base = buffer, Length = (nuint)chunk };
            var remote = new IoVec { Base = (void*)(address + offset), Length = (nuint)chunk };
            nint read = process_vm_readv(Environment.ProcessId, &local, 1, &remote, 1, 0);
            if (read != chunk)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads one pointer-sized word at <paramref name="address"/> when it is readable (see <see cref="IsReadable"/>).
    /// </summary>
    public static bool TryReadPointer(nint address, out nint value)
    {
        value = 0;
        if (!IsReadable(address, sizeof(nint)))
        {
            return false;
        }

        value = *(nint*)address;
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint process_vm_readv(int pid, IoVec* localIov, nuint localCount, IoVec* remoteIov, nuint remoteCount, nuint flags);
}
