using SccDm.Realtime.Capture;
using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Synthesis;

public sealed class FrameChangeFilterTests
{
    private static CameraFrame Frame(int shift, byte level = 200)
    {
        // A bright square on a dark background; shift moves it right.
        var frame = new CameraFrame(320, 240);
        for (int y = 0; y < 240; y++)
        {
            for (int x = 0; x < 320; x++)
            {
                bool inside = x >= 100 + shift && x < 200 + shift && y >= 60 && y < 180;
                int i = ((y * 320) + x) * 4;
                frame.Pixels[i] = frame.Pixels[i + 1] = frame.Pixels[i + 2] = inside ? level : (byte)30;
                frame.Pixels[i + 3] = 255;
            }
        }

        return frame;
    }

    [Fact]
    public void First_frame_is_new_then_an_equal_frame_is_unchanged()
    {
        var filter = new FrameChangeFilter(reuseThreshold: 0.6f, warmStartThreshold: 4f);
        Assert.Equal(FrameChange.New, filter.Classify(Frame(0)));
        Assert.True(float.IsPositiveInfinity(filter.LastDifference));
        filter.AcceptLast();
        Assert.Equal(FrameChange.Unchanged, filter.Classify(Frame(0)));
        Assert.Equal(0f, filter.LastDifference);
    }

    [Fact]
    public void Small_move_warm_starts_and_a_new_scene_starts_over()
    {
        var filter = new FrameChangeFilter(reuseThreshold: 0.6f, warmStartThreshold: 4f);
        filter.Classify(Frame(0));
        filter.AcceptLast();
        Assert.Equal(FrameChange.Moderate, filter.Classify(Frame(6)));
        Assert.InRange(filter.LastDifference, 0.6f, 4f);
        Assert.Equal(FrameChange.New, filter.Classify(Frame(80)));
    }

    [Fact]
    public void Slow_drift_is_measured_against_the_last_synthesized_frame()
    {
        var filter = new FrameChangeFilter(reuseThreshold: 0.6f, warmStartThreshold: 4f);
        filter.Classify(Frame(0));
        filter.AcceptLast();

        // Each step alone would be reused, but without AcceptLast the reference stays put and the drift adds up.
        var changes = new List<FrameChange>();
        for (int shift = 1; shift <= 8; shift++)
        {
            changes.Add(filter.Classify(Frame(shift)));
        }

        Assert.Equal(FrameChange.Unchanged, changes[0]);
        Assert.Contains(FrameChange.Moderate, changes);
    }

    [Fact]
    public void Reset_forgets_the_reference()
    {
        var filter = new FrameChangeFilter();
        filter.Classify(Frame(0));
        filter.AcceptLast();
        filter.Reset();
        Assert.Equal(FrameChange.New, filter.Classify(Frame(0)));
    }

    [Fact]
    public void Classify_allocates_nothing()
    {
        var filter = new FrameChangeFilter();
        var a = Frame(0);
        var b = Frame(3);
        filter.Classify(a);
        filter.AcceptLast();
        int i = 0;
        Assert.Equal(0, Allocations.SteadyStateBytes(
            () =>
            {
                filter.Classify((i++ & 1) == 0 ? a : b);
                filter.AcceptLast();
            },
            50));
    }
}
