namespace SccDm.Realtime.App.Kiosk;

/// <summary>What the clinical readout shows.</summary>
internal enum ReadoutState
{
    /// <summary>No result yet.</summary>
    Starting,

    /// <summary>The synthesizer has no keypoint detector.</summary>
    NoDetector,

    /// <summary>No foot: "Place your foot in the frame".</summary>
    NoFoot,

    /// <summary>KCC below the clinical bar: "Hold still / reposition".</summary>
    HoldStill,

    /// <summary>KCC at or above the bar: KCC, HVA and IMA with grades.</summary>
    Measured,

    /// <summary>A worker thread failed.</summary>
    Fault,
}
