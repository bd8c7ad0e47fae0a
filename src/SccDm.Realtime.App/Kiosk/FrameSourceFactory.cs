using System.Globalization;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Phantom;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>
/// Turns a --source value into an <see cref="IFrameSource"/>. The one place that knows the source schemes:
/// capture through ffmpeg (devices, files, streams) is added here as new schemes.
/// </summary>
internal static class FrameSourceFactory
{
    /// <summary>The schemes this build understands, for messages and --help.</summary>
    public const string SupportedForms = "phantom or phantom:SEED (the synthetic phantom camera), phantom:moving or phantom:moving:SEED (its foot keeps moving, as if repositioned), " + CaptureSpec.Forms;

    /// <summary>
    /// Opens <paramref name="spec"/>: <c>phantom</c> (seed 1), <c>phantom:SEED</c>, <c>phantom:moving[:SEED]</c> (the
    /// phantom camera with <see cref="PhantomCameraMotion.Moving"/>, the foot in place from the first frame), or one of the ffmpeg forms of
    /// <see cref="CaptureSpec.Forms"/> at 640×480, 30 fps. Cameras and network streams are wrapped in a
    /// <see cref="ReconnectingFrameSource"/>, so a lost camera is retried rather than ending the kiosk.
    /// <paramref name="paced"/> false delivers frames as fast as they are read (headless rendering); true keeps the
    /// source's own frame rate.
    /// </summary>
    /// <exception cref="FrameSourceException">
    /// Unknown scheme, a malformed value, or a source that cannot be opened (missing file or device, missing ffmpeg,
    /// ffmpeg failing); the message says which and, for the first two, lists the accepted forms.
    /// </exception>
    public static IFrameSource Open(string spec, bool paced = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string trimmed = spec.Trim();
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string scheme = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        string argument = colon < 0 ? "" : trimmed[(colon + 1)..];
        switch (scheme)
        {
            case "phantom":
                return OpenPhantom(spec, argument, paced);
            case "":
                throw new FrameSourceException($"--source is empty. This build accepts: {SupportedForms}.");
            default:
                return OpenCapture(spec, trimmed, paced);
        }
    }

    // phantom[:SEED] or phantom:moving[:SEED]. The moving foot is in place from the first frame (no slide-in), so a
    // benchmark on it measures the moving steady state from the start.
    private static PhantomCamera OpenPhantom(string spec, string argument, bool paced)
    {
        bool moving = false;
        if (argument.Equals("moving", StringComparison.OrdinalIgnoreCase) || argument.StartsWith("moving:", StringComparison.OrdinalIgnoreCase))
        {
            moving = true;
            argument = argument.Length > "moving".Length ? argument[("moving".Length + 1)..] : "";
        }

        long seed = 1;
        if (argument.Length > 0 && !long.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new FrameSourceException($"--source {spec}: the phantom seed must be a whole number, e.g. phantom:7 or phantom:moving:7.");
        }

        if (seed < 0)
        {
            throw new FrameSourceException($"--source {spec}: the phantom seed must not be negative.");
        }

        var options = new PhantomCameraOptions { Seed = seed, Paced = paced };
        return new PhantomCamera(moving ? options with { Motion = PhantomCameraMotion.Moving, EnterDuration = TimeSpan.Zero } : options);
    }

    private static IFrameSource OpenCapture(string spec, string trimmed, bool paced)
    {
        CaptureSpec? capture;
        try
        {
            capture = CaptureSpec.TryParse(trimmed);
        }
        catch (CaptureException e)
        {
            throw new FrameSourceException($"--source {e.Message} This build accepts: {SupportedForms}.", e);
        }

        if (capture is null)
        {
            throw new FrameSourceException($"--source {spec}: unknown source (not a known scheme, nor an existing file or folder). This build accepts: {SupportedForms}.");
        }

        var options = new FfmpegFrameSourceOptions { Paced = paced };
        try
        {
            return capture.IsLive
                ? new ReconnectingFrameSource(() => new FfmpegFrameSource(capture, options))
                : new FfmpegFrameSource(capture, options);
        }
        catch (CaptureException e)
        {
            throw new FrameSourceException($"--source {spec}: {e.Message}", e);
        }
    }
}
