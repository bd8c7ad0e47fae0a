using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Recording;

namespace SccDm.Realtime.App.Replay;

/// <summary>
/// Feeds a recorded session's camera frames through the kiosk pipeline again: as a frame source (the lossless
/// camera file through ffmpeg, paced at the recorded rate or as fast as it decodes) for the window or headless
/// runs, and, for --compare, headless and frame by frame against the X-rays frames.jsonl recorded.
/// </summary>
internal static class SessionReplay
{
    /// <summary>Opens the recorded camera frames as a frame source, with their recorded capture times.</summary>
    /// <exception cref="FrameSourceException">The camera file cannot be decoded (ffmpeg's message says why), or camera.jsonl is corrupt.</exception>
    public static IFrameSource OpenCamera(RecordedSession session, bool paced)
    {
        double[] times;
        try
        {
            times = session.ReadCameraTimes();
        }
        catch (RecordingException e)
        {
            throw new FrameSourceException(e.Message, e);
        }

        try
        {
            return new RecordedCameraSource(
                new FfmpegFrameSource(
                    new CaptureSpec(CaptureKind.File, session.CameraPath),
                    new FfmpegFrameSourceOptions { Width = session.CameraWidth, Height = session.CameraHeight, Fps = session.CameraFps, Paced = paced }),
                times);
        }
        catch (CaptureException e)
        {
            throw new FrameSourceException($"the recorded camera frames of {session.Folder} cannot be read (corrupt {SessionFiles.Camera}?): {e.Message}", e);
        }
    }

    /// <summary>
    /// Synthesizes every camera frame (up to <paramref name="limit"/>) headless, in order, as a headless recording
    /// did, and compares each X-ray that frames.jsonl recorded for the same camera frame.
    /// </summary>
    public static ReplayDrift Compare(RecordedSession recorded, IReadOnlyList<RecordedXray> xrays, KioskOptions options, AppConfig config, TextWriter log, int? limit, CancellationToken cancellation)
    {
        var byIndex = new Dictionary<long, RecordedXray>();
        foreach (var x in xrays)
        {
            byIndex.TryAdd(x.CameraIndex, x);
        }

        long last = byIndex.Count > 0 ? byIndex.Keys.Max() : -1;
        var keypoints = new List<double>();
        var hva = new List<double>();
        var ima = new List<double>();
        var kcc = new List<double>();
        int compared = 0;
        using var session = KioskSession.Open(options with { SimulateModelCost = false, OpenSource = paced => OpenCamera(recorded, paced: false) }, config, paced: false, "replay (headless)", log);
        var pipeline = session.Pipeline;
        for (long i = 0; i <= last && (limit is null || i < limit); i++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!pipeline.CaptureOnce(cancellation))
            {
                break;
            }

            pipeline.SynthesizeOnce();
            if (!pipeline.TryTakeResult(out var result) || result is null || !byIndex.TryGetValue(result.FrameId, out var want))
            {
                continue;
            }

            compared++;
            if (result.HasKeypoints && want.Keypoints.Length == result.Keypoints.Length)
            {
                double scale = want.XraySize > 0 ? (double)want.XraySize / result.ImageSize : 1;
                for (int k = 0; k < want.Keypoints.Length; k++)
                {
                    double dx = (result.Keypoints[k].X * scale) - want.Keypoints[k].X;
                    double dy = (result.Keypoints[k].Y * scale) - want.Keypoints[k].Y;
                    keypoints.Add(Math.Sqrt((dx * dx) + (dy * dy)));
                }

                if (double.IsFinite(want.Kcc))
                {
                    kcc.Add(Math.Abs(result.Kcc - want.Kcc));
                }
            }

            if (result.Angles is { } angles)
            {
                if (double.IsFinite(want.Hva) && double.IsFinite(angles.Hva))
                {
                    hva.Add(Math.Abs(angles.Hva - want.Hva));
                }

                if (double.IsFinite(want.Ima) && double.IsFinite(angles.Ima))
                {
                    ima.Add(Math.Abs(angles.Ima - want.Ima));
                }
            }
        }

        return new ReplayDrift
        {
            Recorded = byIndex.Count,
            Compared = compared,
            KeypointPx = ReplayDrift.Stats.Of(keypoints),
            HvaDegrees = ReplayDrift.Stats.Of(hva),
            ImaDegrees = ReplayDrift.Stats.Of(ima),
            Kcc = ReplayDrift.Stats.Of(kcc),
        };
    }
}
