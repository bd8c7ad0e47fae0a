namespace SccDm.Realtime.App.Kiosk;

/// <summary>What a key asks the window loop to do beyond changing state.</summary>
internal enum KioskAction
{
    /// <summary>Nothing more.</summary>
    None,

    /// <summary>Esc or Q: quit.</summary>
    Quit,

    /// <summary>F: toggle full screen.</summary>
    ToggleFullscreen,
}
