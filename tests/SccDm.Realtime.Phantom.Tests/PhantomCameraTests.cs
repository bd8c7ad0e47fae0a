using SccDm.Realtime.Capture;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Phantom.Tests;

public class PhantomCameraTests
{
    private static PhantomCameraOptions Options => new() { Width = 320, Height = 240, Fps = 10, Seed = 11, Paced = false, PatientDuration = TimeSpan.FromSeconds(4) };

    [Fact]
    public void FrameKIsIdenticalAcrossInstances()
    {
        using var a = new PhantomCamera(Options);
        using var b = new PhantomCamera(Options);
        var fa = new CameraFrame(320, 240);
        var fb = new CameraFrame(320, 240);

        // a reads sequentially; b jumps straight to frame 25.
        for (int k = 0; k <= 25; k++)
        {
            Assert.True(a.ReadFrame(fa));
        }

        b.RenderFrame(25, fb);
        Assert.Equal(25, fa.Sequence);
        Assert.Equal(fa.Pixels, fb.Pixels);
        Assert.Equal(a.CurrentTruth!.Keypoints, b.CurrentTruth!.Keypoints);
    }

    [Fact]
    public void FootEntersThenSettlesInFrame()
    {
        using var cam = new PhantomCamera(Options);
        var frame = new CameraFrame(320, 240);
        cam.RenderFrame(0, frame);
        var first = cam.CurrentTruth!;
        Assert.All(first.Keypoints.Points, p => Assert.False(p.X >= 0 && p.Y >= 0 && p.X < 320 && p.Y < 240, "a keypoint is visible in frame 0"));
        var empty = (byte[])frame.Pixels.Clone();

        cam.RenderFrame(20, frame);
        var settled = cam.CurrentTruth!;
        Assert.True(settled.FootFullyInFrame);

        // Present means the pixels changed around the foot's centre, not just the truth record.
        int changed = 0;
        for (int i = 0; i < empty.Length; i += 4)
        {
            changed += Math.Abs(empty[i] - frame.Pixels[i]) > 30 ? 1 : 0;
        }

        Assert.True(changed > 320 * 240 / 20, $"only {changed} pixels show the foot");
    }

    [Fact]
    public void AnglesAreFixedWithinAPatientAndChangeWithTheNext()
    {
        using var cam = new PhantomCamera(Options);
        var frame = new CameraFrame(320, 240);
        cam.RenderFrame(12, frame);
        var a = cam.CurrentTruth!;
        cam.RenderFrame(39, frame);
        var b = cam.CurrentTruth!;
        Assert.Equal(0, a.PatientIndex);
        Assert.Equal(0, b.PatientIndex);
        Assert.Equal(a.Angles.Hva, b.Angles.Hva, 9);
        Assert.Equal(a.Angles.Ima, b.Angles.Ima, 9);
        Assert.NotEqual(a.Keypoints, b.Keypoints);

        cam.RenderFrame(40, frame);
        var c = cam.CurrentTruth!;
        Assert.Equal(1, c.PatientIndex);
        Assert.Equal(12, c.PatientSeed);
        Assert.NotEqual(a.Angles.Hva, c.Angles.Hva);
        Assert.Equal(1, cam.PatientIndexAt(40));
    }

    [Fact]
    public void FrameLimitEndsTheStream()
    {
        using var cam = new PhantomCamera(Options with { FrameLimit = 3 });
        var frame = new CameraFrame(320, 240);
        Assert.True(cam.ReadFrame(frame));
        Assert.True(cam.ReadFrame(frame));
        Assert.True(cam.ReadFrame(frame));
        Assert.False(cam.ReadFrame(frame));
        Assert.Equal(2, frame.Sequence);
        Assert.Equal(0.2, frame.StreamTime, 9);
    }

    [Fact]
    public void SteadyStateAllocatesNothing()
    {
        // A patient change builds a new foot (allocates by design); keep all measured frames on one patient.
        using var cam = new PhantomCamera(Options with { PatientDuration = TimeSpan.FromMinutes(1) });
        var frame = new CameraFrame(320, 240);
        cam.ReadFrame(frame);
        cam.ReadFrame(frame);
        Assert.Equal(0, Allocations.SteadyStateBytes(() => cam.ReadFrame(frame), 20));
    }

    [Fact]
    public void WrongFrameSizeIsRejected()
    {
        using var cam = new PhantomCamera(Options);
        Assert.Throws<ArgumentException>(() => cam.RenderFrame(0, new CameraFrame(640, 480)));
    }

    // The kiosk camera size (the filter's thumbnail is 32×24 cells of it); the moving foot is in place from frame 0.
    private static PhantomCameraOptions Moving => new() { Seed = 1, Paced = false, Motion = PhantomCameraMotion.Moving, EnterDuration = TimeSpan.Zero };

    // Thumbnail differences between frames `lag` apart over one loop of the moving foot (5 s at 30 fps).
    private static float[] Differences(PhantomCameraOptions options, int lag)
    {
        using var cam = new PhantomCamera(options);
        var frame = new CameraFrame(options.Width, options.Height);
        int count = (int)(options.MovePeriod.TotalSeconds * options.Fps);
        var thumbs = new FrameThumbnail[count];
        for (int k = 0; k < count; k++)
        {
            cam.RenderFrame(k, frame);
            thumbs[k] = new FrameThumbnail();
            thumbs[k].Compute(frame);
        }

        return Enumerable.Range(lag, count - lag).Select(k => thumbs[k].MeanAbsDifference(thumbs[k - lag])).ToArray();
    }

    [Fact]
    public void MovingFootChangesWithinTheWarmStartBandAtTheSynthesisCadence()
    {
        const float reuse = FrameChangeFilter.DefaultReuseThreshold, warm = FrameChangeFilter.DefaultWarmStartThreshold;

        // Samples 5–6 camera frames apart (5–6 synthesis fps): every change lies in the warm-start band, none is
        // reused, none is "new".
        foreach (int lag in new[] { 5, 6 })
        {
            Assert.All(Differences(Moving, lag), d => Assert.InRange(d, reuse, warm));
        }

        // 3 frames apart (10 fps): mostly in the band; the sway camera at that cadence stays below it (reuse).
        float[] moving = Differences(Moving, 3), sway = Differences(Moving with { Motion = PhantomCameraMotion.Sway }, 3);
        Assert.True(moving.Count(d => d >= reuse && d < warm) >= moving.Length * 0.9, $"{moving.Count(d => d < reuse)} of {moving.Length} changes fall below the band");
        Assert.True(sway.Count(d => d < reuse) >= sway.Length * 0.9, "the swaying foot should mostly be reused");
        Assert.True(moving.Average() > 2 * sway.Average(), $"moving {moving.Average():F2} against sway {sway.Average():F2}");
    }

    [Fact]
    public void MovingFootNeverStandsStillAndStaysInFrame()
    {
        using var cam = new PhantomCamera(Moving);
        var frame = new CameraFrame(640, 480);
        (double X, double Y)? previous = null;
        for (int k = 0; k < 150; k++)
        {
            cam.RenderFrame(k, frame);
            PhantomCameraTruth truth = cam.CurrentTruth!;
            Assert.True(truth.FootFullyInFrame, $"frame {k}: a keypoint left the frame");
            (double X, double Y) centre = (truth.Keypoints.Points.Average(p => p.X), truth.Keypoints.Points.Average(p => p.Y));
            if (previous is { } p)
            {
                // The loop moves the centre ≈ 1.3 px per frame at 30 fps; the sway alone is far slower.
                double step = Math.Sqrt(((centre.X - p.X) * (centre.X - p.X)) + ((centre.Y - p.Y) * (centre.Y - p.Y)));
                Assert.True(step > 0.5, $"frame {k}: the foot moved only {step:F2} px");
            }

            previous = centre;
        }
    }

    [Fact]
    public void MovingNeedsAPositivePeriod()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomCamera(Moving with { MovePeriod = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomCamera(Moving with { MoveRadius = -0.1 }));
    }
}
