namespace SccDm.Realtime.App.Kiosk;

/// <summary>The kiosk's colours (0xRRGGBBAA): dark and calm, with colour reserved for what needs attention.</summary>
internal static class KioskPalette
{
    /// <summary>Window background.</summary>
    public const uint Background = 0x111418FF;

    /// <summary>Title bar.</summary>
    public const uint TitleBar = 0x171B21FF;

    /// <summary>Image areas (letterbox bars).</summary>
    public const uint ImageBackground = 0x07080AFF;

    /// <summary>Caption strips and the HUD/readout boxes.</summary>
    public const uint Surface = 0x1A1F26FF;

    /// <summary>Thin borders.</summary>
    public const uint Border = 0x2B323CFF;

    /// <summary>Main text.</summary>
    public const uint Text = 0xE8ECEFFF;

    /// <summary>Secondary text.</summary>
    public const uint TextMuted = 0x8F9AA5FF;

    /// <summary>Accent (skeleton, KCC ok).</summary>
    public const uint Accent = 0x4FC3B0FF;

    /// <summary>Guidance messages.</summary>
    public const uint Amber = 0xF2B544FF;

    /// <summary>Recording, errors, low confidence.</summary>
    public const uint Red = 0xE5534BFF;

    /// <summary>Medium confidence.</summary>
    public const uint Yellow = 0xE8D44DFF;

    /// <summary>High confidence.</summary>
    public const uint Green = 0x5CC777FF;

    /// <summary>Skeleton edges (translucent accent).</summary>
    public const uint SkeletonEdge = 0x4FC3B0D0;

    /// <summary>The watermark band under its text.</summary>
    public const uint WatermarkBand = 0x000000A8;

    /// <summary>The watermark text.</summary>
    public const uint WatermarkText = 0xFFFFFFE8;

    /// <summary>The colour of a keypoint of confidence <paramref name="confidence"/>: red &lt; 0.65 ≤ yellow &lt; 0.85 ≤ green.</summary>
    public static uint ForConfidence(float confidence) => confidence < 0.65f ? Red : confidence < 0.85f ? Yellow : Green;
}
