using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Tests.Measurement;

public class HalluxValgusGradingTests
{
    [Theory]
    [InlineData(0, HalluxValgusGrade.Normal)]
    [InlineData(14.999, HalluxValgusGrade.Normal)]
    [InlineData(15, HalluxValgusGrade.Mild)]
    [InlineData(19.999, HalluxValgusGrade.Mild)]
    [InlineData(20, HalluxValgusGrade.Moderate)]
    [InlineData(40, HalluxValgusGrade.Moderate)]
    [InlineData(40.001, HalluxValgusGrade.Severe)]
    [InlineData(90, HalluxValgusGrade.Severe)]
    public void HvaBoundaries(double hva, HalluxValgusGrade expected) => Assert.Equal(expected, HalluxValgusGrading.FromHva(hva));

    [Theory]
    [InlineData(0, HalluxValgusGrade.Normal)]
    [InlineData(8.999, HalluxValgusGrade.Normal)]
    [InlineData(9, HalluxValgusGrade.Mild)]
    [InlineData(10.999, HalluxValgusGrade.Mild)]
    [InlineData(11, HalluxValgusGrade.Moderate)]
    [InlineData(16, HalluxValgusGrade.Moderate)]
    [InlineData(16.001, HalluxValgusGrade.Severe)]
    public void ImaBoundaries(double ima, HalluxValgusGrade expected) => Assert.Equal(expected, HalluxValgusGrading.FromIma(ima));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidAnglesAreRejected(double angle) => Assert.Throws<ArgumentOutOfRangeException>(() => HalluxValgusGrading.FromHva(angle));

    [Fact]
    public void NamesAreLowerCase()
    {
        Assert.Equal("normal", HalluxValgusGrading.NameOf(HalluxValgusGrade.Normal));
        Assert.Equal("severe", HalluxValgusGrading.NameOf(HalluxValgusGrade.Severe));
    }
}
