using System.Diagnostics;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Keypoints;

public class KeypointSmootherTests
{
    private static readonly long FrameTicks = Stopwatch.Frequency / 10; // 10 synthesized frames per second

    [Fact]
    public void AStillNoisyPointBecomesSteady()
    {
        var filter = new OneEuroFilter(0.5, 0.05);
        var rng = new Random(1);
        var raw = new List<double>();
        var smooth = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            double x = 50 + (rng.NextDouble() - 0.5) * 2; // ±1 px jitter
            raw.Add(x);
            smooth.Add(filter.Filter(x, 0.1));
        }
        static double Var(IEnumerable<double> v) { double m = v.Average(); return v.Average(x => (x - m) * (x - m)); }
        Assert.True(Var(smooth.Skip(20)) < Var(raw.Skip(20)) / 4, $"variance {Var(smooth.Skip(20)):F3} vs raw {Var(raw.Skip(20)):F3}");
        Assert.Equal(50, smooth.Skip(20).Average(), 0.3);
    }

    [Fact]
    public void AMovingPointIsFollowedWithSmallLag()
    {
        var filter = new OneEuroFilter(0.5, 0.05);
        double last = 0;
        for (int i = 0; i < 60; i++)
        {
            last = filter.Filter(i * 5.0, 0.1); // 50 px/s
        }
        // Without the speed term a 0.5 Hz filter at 10 Hz lags ≈ 16 px at 50 px/s; One-Euro keeps up.
        Assert.InRange(59 * 5.0 - last, 0, 5);
    }

    [Fact]
    public void AnUnsureDetectionMovesTheSkeletonLessThanASureOne()
    {
        var sure = new KeypointSmoother(1);
        var unsure = new KeypointSmoother(1);
        DetectedKeypoint[] a = [new(10, 10, 0.9f)], b = [new(10, 10, 0.2f)];
        sure.Apply(a, FrameTicks);
        unsure.Apply(b, FrameTicks);
        a[0] = new(40, 10, 0.9f);
        b[0] = new(40, 10, 0.2f);
        sure.Apply(a, 2 * FrameTicks);
        unsure.Apply(b, 2 * FrameTicks);
        Assert.True(a[0].X > b[0].X + 3, $"sure moved to {a[0].X}, unsure to {b[0].X}");
        Assert.Equal(0.2f, b[0].Confidence);
    }

    [Fact]
    public void SmoothingAllocatesNothing()
    {
        var smoother = new KeypointSmoother();
        var points = new DetectedKeypoint[10];
        smoother.Apply(points, FrameTicks);
        long i = 1;
        Assert.Equal(0, Allocations.SteadyStateBytes(() => smoother.Apply(points, ++i * FrameTicks), 200));
    }
}
