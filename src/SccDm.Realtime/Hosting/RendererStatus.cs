namespace SccDm.Realtime.Hosting;

/// <summary>
/// The outcome of an embedding call; the same numbers as <c>sccdm_status</c> in <c>sccdm_realtime.h</c>.
/// Negative values are errors; the message that goes with them says what, why and what to do.
/// </summary>
public enum RendererStatus
{
    /// <summary>The call did what it says.</summary>
    Ok = 0,

    /// <summary>No new result yet (acquire timed out); not an error.</summary>
    NotReady = 1,

    /// <summary>An argument is null, out of range, or a handle does not belong with the others.</summary>
    InvalidArgument = -1,

    /// <summary>The renderer handle is null or was never returned by create (C ABI only).</summary>
    InvalidHandle = -2,

    /// <summary>The call came from a thread other than the one the rules allow (see the API docs).</summary>
    WrongThread = -3,

    /// <summary>The call is not allowed now: acquire while holding a result, release without one.</summary>
    InvalidState = -4,

    /// <summary>Vulkan is unusable: no loader or device, a device older than 1.3, a lost device.</summary>
    Vulkan = -5,

    /// <summary>A model file is missing, unreadable, or breaks the contract.</summary>
    Model = -6,

    /// <summary>A native dependency is missing (ONNX Runtime, FreeType, the font).</summary>
    Dependency = -7,

    /// <summary>The synthesis thread failed; the message says why. Destroy the renderer and create a new one.</summary>
    SynthesisFailed = -8,

    /// <summary>A bug: the message and the inner exception say where.</summary>
    Internal = -9,

    /// <summary>The renderer was destroyed; the handle or object must not be used any more.</summary>
    Destroyed = -10,
}
