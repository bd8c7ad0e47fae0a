using System.Runtime.InteropServices;

namespace SccDm.Realtime.Native.Onnx;

/// <summary>
/// Owns one ORT object and its <c>ReleaseXxx</c> function. SafeHandle gives idempotent, thread-safe release and a
/// finalizer for leaks; ORT objects are plain CPU allocations, so releasing them on the finalizer thread is safe.
/// </summary>
/// <remarks>
/// A handle may hold a reference on a <paramref name="dependency"/> (an IO binding on its session) so that the
/// dependency is released last even when both are finalized together.
/// </remarks>
internal sealed unsafe class OrtSafeHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _release;
    private readonly SafeHandle? _dependency;

    public OrtSafeHandle(nint handle, delegate* unmanaged<nint, void> release, SafeHandle? dependency = null)
        : base(0, ownsHandle: true)
    {
        _release = release;
        if (dependency is not null)
        {
            bool added = false;
            dependency.DangerousAddRef(ref added);
            _dependency = dependency;
        }
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer; throws if the owner was disposed.</summary>
    public nint Get(string owner)
    {
        if (IsClosed)
        {
            throw new ObjectDisposedException(owner);
        }
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        _release(handle);
        _dependency?.DangerousRelease();
        return true;
    }
}
