using System.Runtime.InteropServices;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation the kiosk loop checks, instead of the runtime killing the
/// process mid-frame: the loop then stops the threads, waits for the GPU and destroys everything in order, and the
/// process exits with <see cref="ExitCodes.Interrupted"/>.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    /// <summary>SIGXFSZ on Linux.</summary>
    private const int FileSizeLimitSignal = 25;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Registers the handlers.</summary>
    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            // SIGXFSZ (a file-size limit was hit) would kill the process; handled, the write fails with EFBIG instead
            // and the recorder stops with a message while the kiosk goes on.
            PosixSignalRegistration.Create((PosixSignal)FileSizeLimitSignal, static context => context.Cancel = true),
        ];
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    private void OnSignal(PosixSignalContext context)
    {
        // Handled here: the loop shuts down cleanly and chooses the exit code.
        context.Cancel = true;
        _cancel.Cancel();
    }

    /// <summary>Unregisters (reverse order) and releases the token source. Idempotent.</summary>
    public void Dispose()
    {
        for (int i = _registrations.Length - 1; i >= 0; i--)
        {
            _registrations[i].Dispose();
        }

        _cancel.Dispose();
    }
}
