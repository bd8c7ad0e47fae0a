using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.Tests.Sampling;

public class DiffusionScheduleTests
{
    [Fact]
    public void LinearScheduleMatchesTheDesignFacts()
    {
        var s = DiffusionSchedule.Create("linear", 1000, 1e-4, 0.02);
        Assert.Equal(1e-4, s.Beta(0), 12);
        Assert.Equal(0.02, s.Beta(999), 12);
        // sccdm.md: ᾱ₉₉₉ ≈ 4.0e-5.
        Assert.InRange(s.AlphaBar(999), 3.9e-5, 4.1e-5);
        Assert.Equal(1.0, s.AlphaBar(-1));
    }

    [Fact]
    public void UnknownKindOrBadBetasAreRejectedWithTheirValues()
    {
        var e = Assert.Throws<ArgumentException>(() => DiffusionSchedule.Create("cosine", 1000, 1e-4, 0.02));
        Assert.Contains("cosine", e.Message);
        Assert.Throws<ArgumentException>(() => DiffusionSchedule.Create("linear", 1000, 0, 0.02));
        Assert.Throws<ArgumentException>(() => DiffusionSchedule.Create("linear", 1, 1e-4, 0.02));
    }
}
