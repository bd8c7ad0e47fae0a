using System.Runtime.InteropServices;
using System.Text;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>An array of null-terminated UTF-8 strings in one native block, as <c>const char* const*</c> parameters want.</summary>
internal sealed unsafe class Utf8Array : IDisposable
{
    private void* _block;

    public Utf8Array(IReadOnlyList<string> strings)
    {
        int count = strings.Count;
        nuint bytes = (nuint)(count * sizeof(nint));
        foreach (string s in strings)
        {
            ArgumentNullException.ThrowIfNull(s);
            bytes += (nuint)Encoding.UTF8.GetByteCount(s) + 1;
        }
        _block = NativeMemory.Alloc(bytes == 0 ? 1 : bytes);
        var pointers = (byte**)_block;
        byte* text = (byte*)_block + count * sizeof(nint);
        byte* end = (byte*)_block + bytes;
        for (int i = 0; i < count; i++)
        {
            pointers[i] = text;
            int written = Encoding.UTF8.GetBytes(strings[i], new Span<byte>(text, (int)(end - text)));
            text[written] = 0;
            text += written + 1;
        }
    }

    public byte** Pointers => (byte**)_block;

    public void Dispose()
    {
        if (_block != null)
        {
            NativeMemory.Free(_block);
            _block = null;
        }
    }
}
