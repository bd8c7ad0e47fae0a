using System.Runtime.InteropServices;

namespace SccDm.Realtime.Gpu;

/// <summary>An unmanaged <c>const char* const*</c> array (layer/extension names) freed on dispose.</summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly nint[] _strings;
    private nint _array;

    public Utf8StringArray(IReadOnlyList<string> strings)
    {
        _strings = new nint[strings.Count];
        _array = Marshal.AllocHGlobal(Math.Max(1, strings.Count) * sizeof(nint));
        for (var i = 0; i < strings.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
            ((nint*)_array)[i] = _strings[i];
        }
    }

    public uint Count => (uint)_strings.Length;

    public byte** Pointer => _strings.Length == 0 ? null : (byte**)_array;

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, 0);
        if (array == 0)
        {
            return;
        }

        foreach (var s in _strings)
        {
            Marshal.FreeCoTaskMem(s);
        }

        Marshal.FreeHGlobal(array);
    }
}
