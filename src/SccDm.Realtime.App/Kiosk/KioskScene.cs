using SccDm.Realtime.Capture;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Synthesis;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Everything the compositor draws, owned by the display thread: the newest camera frame and result (references to
/// slot buffers the display holds until its next take), the X-ray as display gray, UI state, and the HUD's text,
/// which <see cref="HudFormatter"/> rebuilds a few times a second rather than per frame.
/// </summary>
internal sealed class KioskScene
{
    /// <summary>Lines of engineering HUD text.</summary>
    public const int HudLineCount = 5;

    /// <summary>Display frame times kept for the graph.</summary>
    public const int GraphLength = 120;

    private byte[] _xrayGray = [];

    /// <summary>The camera frame to show, or null before the first.</summary>
    public CameraFrame? Camera { get; set; }

    /// <summary>The synthesis result to show, or null before the first.</summary>
    public SynthesisResult? Result { get; private set; }

    /// <summary>The X-ray of <see cref="Result"/> as 8-bit gray, <see cref="XraySize"/>².</summary>
    public ReadOnlySpan<byte> XrayGray => _xrayGray;

    /// <summary>Changes whenever <see cref="XrayGray"/> does (each <see cref="SetResult"/>).</summary>
    public long XrayVersion { get; private set; }

    /// <summary>Side of <see cref="XrayGray"/>.</summary>
    public int XraySize { get; private set; }

    /// <summary>True when the synthesizer is the stand-in (the caption says so).</summary>
    public bool StandIn { get; set; }

    /// <summary>Space pressed: the picture holds.</summary>
    public bool Frozen { get; set; }

    /// <summary>A recording is running: shows the REC chip with <see cref="RecordingText"/>.</summary>
    public bool Recording { get; set; }

    /// <summary>The REC chip's text, with the elapsed time ("REC 01:23"; rebuilt once a second).</summary>
    public string RecordingText { get; set; } = KioskText.Rec;

    /// <summary>Why the last recording stopped by itself ("REC STOPPED: disk full"), shown until the next one starts; null when none did.</summary>
    public string? RecordingError { get; set; }

    /// <summary>H toggles the engineering HUD.</summary>
    public bool HudVisible { get; set; } = true;

    /// <summary>? toggles the help overlay.</summary>
    public bool HelpVisible { get; set; }

    /// <summary>Index of the keypoint under the cursor, or −1.</summary>
    public int HoverKeypoint { get; set; } = -1;

    /// <summary>Cursor x in window pixels.</summary>
    public double CursorX { get; set; } = -1;

    /// <summary>Cursor y in window pixels.</summary>
    public double CursorY { get; set; } = -1;

    /// <summary>Whether <see cref="Reading"/> holds angles to show (KCC at or above the bar, and readings in the last second).</summary>
    public bool HasReading { get; set; }

    /// <summary>The stable angles.</summary>
    public StableReading Reading { get; set; }

    /// <summary>The sampler settings in use (steps and variant shown in the title bar).</summary>
    public SamplerOptions? Sampler { get; set; }

    /// <summary>Engineering HUD lines (rebuilt a few times a second).</summary>
    public string[] HudLines { get; } = ["", "", "", "", ""];

    /// <summary>Readout lines: KCC, HVA, IMA (rebuilt with the HUD).</summary>
    public string KccText { get; set; } = "";

    /// <summary>The HVA line.</summary>
    public string HvaText { get; set; } = "";

    /// <summary>The IMA line.</summary>
    public string ImaText { get; set; } = "";

    /// <summary>The HVA grade word ("moderate").</summary>
    public string HvaGradeText { get; set; } = "";

    /// <summary>The IMA grade word.</summary>
    public string ImaGradeText { get; set; } = "";

    /// <summary>Under "Hold still": the KCC and the bar it must reach.</summary>
    public string KccHint { get; set; } = "";

    /// <summary>The hovered keypoint's name and confidence.</summary>
    public string HoverText { get; set; } = "";

    /// <summary>The camera caption (with the source's name).</summary>
    public string CameraCaption { get; set; } = KioskText.CameraCaption;

    /// <summary>The title bar's status (steps, variant), rebuilt when they change.</summary>
    public string SamplerText { get; set; } = "";

    /// <summary>Why there is no X-ray (model not loaded, synthesis failed): an error panel in the X-ray panel; null when all is well.</summary>
    public KioskFault? XrayFault { get; set; }

    /// <summary>Why the camera stopped for good: an error panel over the camera image; null when all is well.</summary>
    public KioskFault? CameraFault { get; set; }

    /// <summary>True once a finite source ended.</summary>
    public bool SourceEnded { get; set; }

    /// <summary>Display frame times in ms, oldest first (<see cref="GraphCount"/> valid).</summary>
    public double[] FrameTimes { get; } = new double[GraphLength];

    /// <summary>Valid entries in <see cref="FrameTimes"/>.</summary>
    public int GraphCount { get; set; }

    /// <summary>Makes <paramref name="result"/> the shown result and converts its X-ray to display gray.</summary>
    public void SetResult(SynthesisResult? result)
    {
        Result = result;
        if (result is null)
        {
            return;
        }

        int n = result.ImageSize;
        if (_xrayGray.Length != n * n)
        {
            _xrayGray = new byte[n * n];
        }

        XraySize = n;
        XrayVersion++;
        var xray = result.Xray;
        for (int i = 0; i < _xrayGray.Length; i++)
        {
            // [−1, 1] → [0, 255], as present_gray.frag maps it.
            _xrayGray[i] = (byte)Math.Clamp((int)(((xray[i] + 1f) * 127.5f) + 0.5f), 0, 255);
        }
    }

    /// <summary>What the readout should say about the current result.</summary>
    public ReadoutState Readout
    {
        get
        {
            if (XrayFault is not null)
            {
                return ReadoutState.Fault;
            }

            var result = Result;
            if (result is null)
            {
                return ReadoutState.Starting;
            }

            if (!result.HasKeypoints)
            {
                return ReadoutState.NoDetector;
            }

            int confident = 0;
            foreach (var k in result.Keypoints)
            {
                confident += k.Confidence >= Kcc.DefaultTau ? 1 : 0;
            }

            if (confident < 3 || result.Kcc < 0.2f)
            {
                return ReadoutState.NoFoot;
            }

            if (result.Kcc < Kcc.ClinicalBar)
            {
                return ReadoutState.HoldStill;
            }

            return HasReading ? ReadoutState.Measured : ReadoutState.HoldStill;
        }
    }
}
