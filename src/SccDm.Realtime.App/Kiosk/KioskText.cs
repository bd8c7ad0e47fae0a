namespace SccDm.Realtime.App.Kiosk;

/// <summary>Fixed texts of the kiosk (one place, so wording stays consistent and the tests can refer to it).</summary>
internal static class KioskText
{
    /// <summary>The permanent watermark on the X-ray panel.</summary>
    public const string Watermark = "Synthetic image — not for diagnosis";

    /// <summary>Said with every grade.</summary>
    public const string GradeDisclaimer = "Grades from a synthetic image — not a diagnosis.";

    /// <summary>No foot in view.</summary>
    public const string PlaceFoot = "Place your foot in the frame";

    /// <summary>Foot seen, but not well enough to measure.</summary>
    public const string HoldStill = "Hold still / reposition";

    /// <summary>Under <see cref="PlaceFoot"/>.</summary>
    public const string PlaceFootDetail = "No foot detected in the camera image.";

    /// <summary>Before the first result.</summary>
    public const string Starting = "Starting…";

    /// <summary>Synthesizer without a detector.</summary>
    public const string NoDetector = "No keypoint detector loaded: no measurements.";

    /// <summary>The readout while the X-ray panel shows an error.</summary>
    public const string NoXray = "No measurements";

    /// <summary>Under <see cref="NoXray"/>.</summary>
    public const string NoXrayDetail = "There is no synthetic X-ray: the panel above says why.";

    /// <summary>The title.</summary>
    public const string Title = "SCCDM  ·  Synthetic radiography";

    /// <summary>Camera panel caption.</summary>
    public const string CameraCaption = "CAMERA";

    /// <summary>X-ray panel caption.</summary>
    public const string XrayCaption = "SYNTHETIC X-RAY";

    /// <summary>X-ray panel caption with the stand-in synthesizer.</summary>
    public const string XrayCaptionStandIn = "SYNTHETIC X-RAY  ·  STAND-IN SYNTHESIZER (no model)";

    /// <summary>Waiting for the first camera frame.</summary>
    public const string WaitingForCamera = "Waiting for the camera…";

    /// <summary>A finite source ended.</summary>
    public const string StreamEnded = "CAMERA  ·  stream ended";

    /// <summary>Title bar chip while frozen.</summary>
    public const string Frozen = "FROZEN";

    /// <summary>Title bar chip while recording.</summary>
    public const string Rec = "REC";

    /// <summary>Title bar hint.</summary>
    public const string HelpHint = "?  help";

    /// <summary>Shown in the HUD area while the HUD is hidden.</summary>
    public const string HudHidden = "H  show engineering HUD      ?  help";

    /// <summary>The help overlay's title.</summary>
    public const string HelpTitle = "Keys";

    /// <summary>The help overlay: key and what it does.</summary>
    public static readonly (string Key, string Action)[] Help =
    [
        ("Space", "freeze / resume the picture"),
        ("R", "start / stop recording"),
        ("1 – 9", "sampler steps"),
        ("S", "sampler: paper / SAG"),
        ("F", "full screen on / off"),
        ("H", "engineering HUD on / off"),
        ("?", "this help"),
        ("Esc, Q", "quit"),
        ("mouse", "hover a keypoint for its name and confidence"),
    ];
}
