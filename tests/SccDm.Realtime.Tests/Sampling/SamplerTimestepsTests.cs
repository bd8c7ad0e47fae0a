using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

public class SamplerTimestepsTests
{
    [Fact]
    public void FourStepsOverThousandAreTheDesignValues()
        => Assert.Equal([999, 749, 499, 249], SamplerTimesteps.Trailing(1000, 4));

    [Theory]
    [MemberData(nameof(StepCounts))]
    public void TrailingSpacingIsCorrectForEveryStepCount(int steps)
    {
        int[] ts = SamplerTimesteps.Trailing(1000, steps);
        Assert.Equal(steps, ts.Length);
        Assert.Equal(999, ts[0]);
        for (int i = 0; i < steps; i++)
        {
            // The definition, recomputed independently in decimal arithmetic with half-to-even rounding.
            decimal exact = 1000m - i * 1000m / steps;
            Assert.Equal((int)Math.Round(exact, MidpointRounding.ToEven) - 1, ts[i]);
            Assert.InRange(ts[i], 0, 999);
            if (i > 0)
            {
                Assert.True(ts[i] < ts[i - 1], $"timesteps must strictly decrease: {string.Join(",", ts)}");
            }
        }
        // Trailing spacing ends about one stride above 0: the last step jumps to ᾱ = 1.
        Assert.InRange(ts[^1], 1000 / steps - 2, 1000 / steps);
    }

    public static TheoryData<int> StepCounts()
    {
        var data = new TheoryData<int>();
        for (int s = 1; s <= 50; s++)
        {
            data.Add(s);
        }
        return data;
    }

    [Fact]
    public void RejectsStepCountsOutsideTheSchedule()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplerTimesteps.Trailing(1000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplerTimesteps.Trailing(1000, 1001));
    }
}
