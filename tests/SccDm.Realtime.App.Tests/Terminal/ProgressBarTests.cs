using SccDm.Realtime.App.Terminal;

namespace SccDm.Realtime.App.Tests.Terminal;

public class ProgressBarTests
{
    [Fact]
    public void SlowItemsShowSecondsEachAndAnEtaInHoursAndMinutes()
    {
        var bar = new ProgressBar(TextWriter.Null, 300, "eval", interactive: false);
        string line = bar.Line(1, 846, barWidth: 0);
        Assert.Contains("1/300", line);
        Assert.Contains("846.0 s each", line);
        Assert.Contains("ETA 70h15m", line); // 299 × 846 s
    }

    [Fact]
    public void FastItemsShowARateAndNothingDoneShowsAnUnknownEta()
    {
        var bar = new ProgressBar(TextWriter.Null, 100, "eval", interactive: false);
        string fast = bar.Line(50, 10, barWidth: 0);
        Assert.Contains("5.0/s", fast);
        Assert.Contains("ETA 10s", fast);
        Assert.Contains("ETA ?", bar.Line(0, 30, barWidth: 0));
        Assert.Contains("ETA 0s", bar.Line(100, 30, barWidth: 0));
    }

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(185, "3m05s")]
    [InlineData(3720, "1h02m")]
    public void DurationsReadLikeAClock(double seconds, string expected) => Assert.Equal(expected, ProgressBar.Duration(seconds));

    [Fact]
    public void RedirectedOutputWritesAPlainLineWhenTheFirstItemFinishes()
    {
        var writer = new StringWriter();
        var bar = new ProgressBar(writer, 300, "eval", interactive: false);
        bar.Report(1);
        bar.Report(2); // same decile, within a minute: no second line
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("eval 1/300", lines[0]);
    }
}
