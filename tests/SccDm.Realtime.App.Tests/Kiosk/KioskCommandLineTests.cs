using System.CommandLine;
using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Tests.Kiosk;

public class KioskCommandLineTests
{
    private static (KioskOptions? Options, string Errors) Read(params string[] args)
    {
        var line = new KioskCommandLine();
        var command = new Command("demo");
        line.AddTo(command);
        var errors = new StringWriter();
        return (line.Read(command.Parse(args), "phantom", errors), errors.ToString());
    }

    [Fact]
    public void The_kiosk_starts_on_the_libraries_default_sampler_steps()
    {
        var (options, errors) = Read();
        Assert.True(options is not null, errors);
        Assert.Equal(SamplerOptions.DefaultSteps, options.Steps);
        Assert.Equal(new SamplerOptions().Steps, options.Steps);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    public void Steps_outside_the_keys_range_are_refused_with_a_reason(string steps)
    {
        var (options, errors) = Read("--steps", steps);
        Assert.Null(options);
        Assert.Contains("--steps", errors);
        Assert.Contains("1–9", errors);
    }

    [Fact]
    public void Steps_given_are_kept()
    {
        var (options, _) = Read("--steps", "4");
        Assert.Equal(4, options!.Steps);
    }
}
