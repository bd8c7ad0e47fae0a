using System.Text.Json;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// Everything that defines one phantom sample. Drawn from the seed by <see cref="FootPhantom.SampleParameters"/>;
/// independent of the image size, so one seed is one foot at every size.
/// Anatomy is in millimetres; pose is relative to the image (translation as a fraction of its size).
/// </summary>
public sealed record FootParameters
{
    /// <summary>Left or right foot.</summary>
    public required FootSide Side { get; init; }

    /// <summary>Heel to longest toe, in mm (≈ 220–290).</summary>
    public required double FootLengthMm { get; init; }

    /// <summary>Forefoot width at the metatarsal heads, in mm.</summary>
    public required double FootWidthMm { get; init; }

    /// <summary>Scale of the hallux phalanges (≈ 0.9–1.1).</summary>
    public required double HalluxLengthScale { get; init; }

    /// <summary>Scale of the second toe (a "Greek foot" has a long second toe).</summary>
    public required double SecondToeLengthScale { get; init; }

    /// <summary>Scale of toes three to five.</summary>
    public required double LesserToeLengthScale { get; init; }

    /// <summary>Target hallux valgus angle in degrees (0–50); the bone model realises it exactly.</summary>
    public required double HvaDegrees { get; init; }

    /// <summary>Target intermetatarsal angle in degrees (4–22); the bone model realises it exactly.</summary>
    public required double ImaDegrees { get; init; }

    /// <summary>Bunion prominence in [0, 1], tied to HVA and IMA: size of the medial bulge over the first metatarsal head.</summary>
    public required double BunionProminence { get; init; }

    /// <summary>In-plane rotation of the foot in the image, degrees (±20), positive clockwise on screen.</summary>
    public required double RotationDegrees { get; init; }

    /// <summary>Horizontal offset of the foot centre as a fraction of the image size.</summary>
    public required double TranslationX { get; init; }

    /// <summary>Vertical offset of the foot centre as a fraction of the image size.</summary>
    public required double TranslationY { get; init; }

    /// <summary>Scale of the foot in the image (1 ≈ foot length fills 80% of the height).</summary>
    public required double Scale { get; init; }

    /// <summary>Position on the skin-tone continuum, 0 = very light … 1 = very dark (Fitzpatrick-like).</summary>
    public required double SkinTone { get; init; }

    /// <summary>Base skin colour, red channel (0–255).</summary>
    public required int SkinR { get; init; }

    /// <summary>Base skin colour, green channel.</summary>
    public required int SkinG { get; init; }

    /// <summary>Base skin colour, blue channel.</summary>
    public required int SkinB { get; init; }

    /// <summary>Light azimuth in the image plane, degrees (0 = from the right, 90 = from the top).</summary>
    public required double LightAzimuthDegrees { get; init; }

    /// <summary>Light elevation above the image plane, degrees.</summary>
    public required double LightElevationDegrees { get; init; }

    /// <summary>Directional light strength relative to ambient (0.3–1).</summary>
    public required double LightStrength { get; init; }

    /// <summary>Background kind of the photo.</summary>
    public required BackgroundKind Background { get; init; }

    /// <summary>Background base colour, red channel.</summary>
    public required int BackgroundR { get; init; }

    /// <summary>Background base colour, green channel.</summary>
    public required int BackgroundG { get; init; }

    /// <summary>Background base colour, blue channel.</summary>
    public required int BackgroundB { get; init; }

    /// <summary>Photo sensor noise, standard deviation in 8-bit levels.</summary>
    public required double CameraNoiseSigma { get; init; }

    /// <summary>Photo defocus blur, Gaussian sigma in pixels at 256² (scaled with the image size).</summary>
    public required double CameraBlurSigma { get; init; }

    /// <summary>X-ray exposure factor (≈ 0.85–1.15): scales all attenuation.</summary>
    public required double XrayExposure { get; init; }

    /// <summary>X-ray detector noise, standard deviation in 8-bit levels.</summary>
    public required double XrayNoiseSigma { get; init; }

    /// <summary>Seed of the per-sample textures (trabecular bone, skin, floor).</summary>
    public required ulong TextureSeed { get; init; }

    /// <summary>Writes every parameter as one JSON object (snake_case keys, invariant numbers).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("side", Side == FootSide.Left ? "left" : "right");
        Number(writer, "foot_length_mm", FootLengthMm);
        Number(writer, "foot_width_mm", FootWidthMm);
        Number(writer, "hallux_length_scale", HalluxLengthScale);
        Number(writer, "second_toe_length_scale", SecondToeLengthScale);
        Number(writer, "lesser_toe_length_scale", LesserToeLengthScale);
        Number(writer, "hva_deg", HvaDegrees);
        Number(writer, "ima_deg", ImaDegrees);
        Number(writer, "bunion_prominence", BunionProminence);
        Number(writer, "rotation_deg", RotationDegrees);
        Number(writer, "translation_x", TranslationX);
        Number(writer, "translation_y", TranslationY);
        Number(writer, "scale", Scale);
        Number(writer, "skin_tone", SkinTone);
        writer.WriteStartArray("skin_rgb");
        writer.WriteNumberValue(SkinR);
        writer.WriteNumberValue(SkinG);
        writer.WriteNumberValue(SkinB);
        writer.WriteEndArray();
        Number(writer, "light_azimuth_deg", LightAzimuthDegrees);
        Number(writer, "light_elevation_deg", LightElevationDegrees);
        Number(writer, "light_strength", LightStrength);
        writer.WriteString("background", Background switch
        {
            BackgroundKind.Plain => "plain",
            BackgroundKind.Textured => "textured",
            _ => "black",
        });
        writer.WriteStartArray("background_rgb");
        writer.WriteNumberValue(BackgroundR);
        writer.WriteNumberValue(BackgroundG);
        writer.WriteNumberValue(BackgroundB);
        writer.WriteEndArray();
        Number(writer, "camera_noise_sigma", CameraNoiseSigma);
        Number(writer, "camera_blur_sigma", CameraBlurSigma);
        Number(writer, "xray_exposure", XrayExposure);
        Number(writer, "xray_noise_sigma", XrayNoiseSigma);
        writer.WriteNumber("texture_seed", TextureSeed);
        writer.WriteEndObject();
    }

    // Six decimals keep the JSON short and stable while losing nothing that matters at pixel scale.
    private static void Number(Utf8JsonWriter writer, string name, double value) => writer.WriteNumber(name, Math.Round(value, 6));
}
