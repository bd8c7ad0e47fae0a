namespace SccDm.Realtime.Phantom;

/// <summary>
/// The procedural foot phantom: paired photo / X-ray / keypoints from a seed, bit-for-bit deterministic.
/// Thread-safe: every call owns its state, so samples can be generated in parallel in any order.
/// </summary>
public static class FootPhantom
{
    /// <summary>Version of the generator, written to keypoints.json; bump it when images for a seed change.</summary>
    public const string Version = "1.0";

    // Ranges of the X-ray's exposure and detector-noise strength (8-bit levels); PhantomCeiling re-draws from them.
    internal const double ExposureMin = 0.85, ExposureMax = 1.15, XrayNoiseMin = 1, XrayNoiseMax = 4;

    /// <summary>Image sizes the dataset export accepts.</summary>
    public static IReadOnlyList<int> SupportedSizes { get; } = [128, 256, 512];

    // Ten-stop skin-tone continuum (the Monk Skin Tone scale's swatches), from very light to very dark.
    private static readonly (int R, int G, int B)[] s_skinStops =
    [
        (0xF6, 0xED, 0xE4), (0xF3, 0xE7, 0xDB), (0xF7, 0xEA, 0xD0), (0xEA, 0xDA, 0xBA), (0xD7, 0xBD, 0x96),
        (0xA0, 0x7E, 0x56), (0x82, 0x5C, 0x43), (0x60, 0x41, 0x34), (0x3A, 0x31, 0x2A), (0x29, 0x24, 0x20),
    ];

    /// <summary>
    /// Draws the parameters for <paramref name="seed"/> without rendering (cheap: for statistics over many seeds).
    /// </summary>
    public static FootParameters SampleParameters(long seed, PhantomOptions? options = null)
    {
        var rng = new SplitMix64(SplitMix64.Mix((ulong)seed ^ 0x5CCD_F007_0000_0001UL));
        var side = rng.NextDouble() < 0.5 ? FootSide.Right : FootSide.Left;
        double length = rng.Uniform(225, 285);
        double width = length * rng.Uniform(0.36, 0.41);
        double hallux = rng.Uniform(0.9, 1.1);
        double second = rng.Uniform(0.9, 1.15);
        double lesser = rng.Uniform(0.88, 1.1);
        double hva = rng.Uniform(0, 50);

        // IMA correlates with HVA clinically; the noise keeps every IMA grade reachable at every HVA.
        double ima = Math.Clamp(rng.Normal(6 + (0.24 * hva), 2.2), 4, 22);
        double bunionNoise = rng.Normal(0, 0.05);
        double rotation = rng.Uniform(-20, 20);
        double tx = rng.Uniform(-0.05, 0.05);
        double ty = rng.Uniform(-0.04, 0.04);
        double scale = rng.Uniform(0.85, 1.0);
        double tone = rng.NextDouble();
        var skin = SkinColor(tone);
        int jr = (int)rng.Uniform(-8, 8), jg = (int)rng.Uniform(-8, 8), jb = (int)rng.Uniform(-8, 8);
        double azimuth = rng.Uniform(0, 360);
        double elevation = rng.Uniform(35, 75);
        double strength = rng.Uniform(0.35, 1.0);
        double bgPick = rng.NextDouble();
        var background = bgPick < 0.4 ? BackgroundKind.Plain : bgPick < 0.75 ? BackgroundKind.Textured : BackgroundKind.Black;
        var bg = BackgroundColor(ref rng, Luma(skin.R, skin.G, skin.B));
        double noise = rng.Uniform(0.5, 5);
        double blur = rng.Uniform(0, 1.2);
        double exposure = rng.Uniform(ExposureMin, ExposureMax);
        double xrayNoise = rng.Uniform(XrayNoiseMin, XrayNoiseMax);
        ulong textureSeed = rng.NextUInt64();

        if (options is not null)
        {
            hva = options.HvaDegrees ?? hva;
            ima = options.ImaDegrees ?? ima;
            side = options.Side ?? side;
            background = options.Background ?? background;
            rotation = options.RotationDegrees ?? rotation;
            scale = options.Scale ?? scale;
            if (options.Centered)
            {
                tx = 0;
                ty = 0;
            }

            if (options.Clean)
            {
                noise = 0;
                blur = 0;
                xrayNoise = 0;
            }
        }

        double bunion = Math.Clamp((0.65 * Math.Clamp((hva - 12) / 30, 0, 1)) + (0.35 * Math.Clamp((ima - 8) / 12, 0, 1)) + bunionNoise, 0, 1);
        return new FootParameters
        {
            Side = side,
            FootLengthMm = length,
            FootWidthMm = width,
            HalluxLengthScale = hallux,
            SecondToeLengthScale = second,
            LesserToeLengthScale = lesser,
            HvaDegrees = hva,
            ImaDegrees = ima,
            BunionProminence = bunion,
            RotationDegrees = rotation,
            TranslationX = tx,
            TranslationY = ty,
            Scale = scale,
            SkinTone = tone,
            SkinR = Math.Clamp(skin.R + jr, 0, 255),
            SkinG = Math.Clamp(skin.G + jg, 0, 255),
            SkinB = Math.Clamp(skin.B + jb, 0, 255),
            LightAzimuthDegrees = azimuth,
            LightElevationDegrees = elevation,
            LightStrength = strength,
            Background = background,
            BackgroundR = background == BackgroundKind.Black ? 0 : bg.R,
            BackgroundG = background == BackgroundKind.Black ? 0 : bg.G,
            BackgroundB = background == BackgroundKind.Black ? 0 : bg.B,
            CameraNoiseSigma = noise,
            CameraBlurSigma = blur,
            XrayExposure = exposure,
            XrayNoiseSigma = xrayNoise,
            TextureSeed = textureSeed,
        };
    }

    /// <summary>
    /// Generates the sample for <paramref name="seed"/> at <paramref name="size"/>² pixels (any size from 32 to 4096;
    /// the export uses 128, 256 or 512). The same seed gives the same foot at every size, scaled.
    /// </summary>
    public static PhantomSample Generate(long seed, int size = 256, PhantomOptions? options = null)
    {
        if (size is < 32 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Phantom images are 32 to 4096 pixels square.");
        }

        return FootRenderer.Render(seed, size, SampleParameters(seed, options));
    }

    /// <summary>Generates a sample from explicit parameters (e.g. edited ones).</summary>
    public static PhantomSample Generate(long seed, int size, FootParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (size is < 32 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Phantom images are 32 to 4096 pixels square.");
        }

        return FootRenderer.Render(seed, size, parameters);
    }

    internal static double Luma(int r, int g, int b) => (0.299 * r) + (0.587 * g) + (0.114 * b);

    private static (int R, int G, int B) SkinColor(double tone)
    {
        double t = Math.Clamp(tone, 0, 1) * (s_skinStops.Length - 1);
        int i = Math.Min((int)t, s_skinStops.Length - 2);
        double f = t - i;
        var a = s_skinStops[i];
        var b = s_skinStops[i + 1];
        return ((int)(a.R + ((b.R - a.R) * f)), (int)(a.G + ((b.G - a.G) * f)), (int)(a.B + ((b.B - a.B) * f)));
    }

    /// <summary>A floor/backdrop colour whose brightness stays clearly apart from the skin's, so the foot is always separable.</summary>
    private static (int R, int G, int B) BackgroundColor(ref SplitMix64 rng, double skinLuma)
    {
        double brightness = rng.Uniform(0.08, 0.95) * 255;
        if (Math.Abs(brightness - skinLuma) < 60)
        {
            brightness = skinLuma > 110 ? Math.Max(15, skinLuma - 75) : Math.Min(240, skinLuma + 75);
        }

        // A muted tint: greys, blue-greys, greens, warm beiges.
        double tr = rng.Uniform(0.8, 1.15), tg = rng.Uniform(0.85, 1.1), tb = rng.Uniform(0.8, 1.2);
        double luma = Luma(100, 100, 100) * ((0.299 * tr) + (0.587 * tg) + (0.114 * tb)) / 100;
        double k = brightness / luma;
        return ((int)Math.Clamp(tr * k, 0, 255), (int)Math.Clamp(tg * k, 0, 255), (int)Math.Clamp(tb * k, 0, 255));
    }
}
