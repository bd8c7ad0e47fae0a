using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Tests.Measurement;

public class FootAnglesTests
{
    private static readonly Keypoint2D Origin = new(0, 0);

    [Theory]
    [InlineData(1, 0, 0, 1, 90)]
    [InlineData(1, 0, 0, -1, 90)]
    [InlineData(1, 0, 2, 0, 0)]
    [InlineData(1, 0, -3, 0, 180)]
    [InlineData(1, 0, 1, 1, 45)]
    [InlineData(1, 1, 1, -1, 90)]
    [InlineData(0, -1, 0.5, -0.8660254037844386, 30)]
    public void AxisAngleOfKnownDirections(double ax, double ay, double bx, double by, double expected)
    {
        double angle = FootAngles.AxisAngle(Origin, new Keypoint2D(ax, ay), Origin, new Keypoint2D(bx, by));
        Assert.Equal(expected, angle, 9);
    }

    [Fact]
    public void AxisAngleIsUnsignedAndIgnoresOffsets()
    {
        var a0 = new Keypoint2D(10, 10);
        var a1 = new Keypoint2D(10, -30);
        double left = FootAngles.AxisAngle(a0, a1, new Keypoint2D(50, 50), new Keypoint2D(50 - 10, 50 - 40));
        double right = FootAngles.AxisAngle(a0, a1, new Keypoint2D(-5, 3), new Keypoint2D(-5 + 10, 3 - 40));
        Assert.Equal(left, right, 12);
        Assert.InRange(left, 14.03, 14.04);
    }

    [Fact]
    public void ZeroLengthAxisGivesNaN()
    {
        Assert.True(double.IsNaN(FootAngles.AxisAngle(Origin, Origin, Origin, new Keypoint2D(1, 0))));
    }

    [Fact]
    public void HvaAndImaUseTheFootMdAxes()
    {
        // MT1 straight up; PP1 turned 30° to the right; MT2 turned 10° to the right.
        var points = new Keypoint2D[FootSkeleton.Count];
        points[(int)FootKeypoint.Mt1Base] = new(100, 200);
        points[(int)FootKeypoint.Mt1Head] = new(100, 100);
        points[(int)FootKeypoint.Pp1Base] = new(102, 95);
        points[(int)FootKeypoint.Pp1Head] = new(102 + (40 * Math.Sin(Math.PI / 6)), 95 - (40 * Math.Cos(Math.PI / 6)));
        points[(int)FootKeypoint.HalluxTip] = new(130, 40);
        points[(int)FootKeypoint.Mt2Base] = new(120, 200);
        points[(int)FootKeypoint.Mt2Head] = new(120 + (100 * Math.Sin(Math.PI / 18)), 200 - (100 * Math.Cos(Math.PI / 18)));
        points[(int)FootKeypoint.Mt5Base] = new(160, 220);
        points[(int)FootKeypoint.Mt5Head] = new(170, 140);
        points[(int)FootKeypoint.Heel] = new(130, 380);
        var set = new KeypointSet(points);
        var m = FootAngles.Measure(set);
        Assert.Equal(30, m.Hva, 9);
        Assert.Equal(10, m.Ima, 9);
        Assert.Equal(HalluxValgusGrade.Moderate, m.HvaGrade);
        Assert.Equal(HalluxValgusGrade.Mild, m.ImaGrade);
    }

    [Fact]
    public void KeypointSetNeedsTenPoints()
    {
        Assert.Throws<ArgumentException>(() => new KeypointSet(new Keypoint2D[9]));
    }

    [Fact]
    public void SkeletonMatchesFootMd()
    {
        Assert.Equal(["mt1_base", "mt1_head", "pp1_base", "pp1_head", "hallux_tip", "mt2_base", "mt2_head", "mt5_base", "mt5_head", "heel"], FootSkeleton.Names);
        Assert.Equal(10, FootSkeleton.Edges.Count);
        Assert.Contains((FootKeypoint.Heel, FootKeypoint.Mt5Base), FootSkeleton.Edges);
        Assert.Contains((FootKeypoint.Mt1Base, FootKeypoint.Mt2Base), FootSkeleton.Edges);
        Assert.True(FootSkeleton.TryParse("pp1_head", out var k) && k == FootKeypoint.Pp1Head);
        Assert.False(FootSkeleton.TryParse("knee", out _));
    }
}
