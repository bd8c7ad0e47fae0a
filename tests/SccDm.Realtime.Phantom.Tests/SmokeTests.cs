namespace SccDm.Realtime.Phantom.Tests;
public class SmokeTests { [Fact] public void Builds() => Assert.NotNull(typeof(SmokeTests).Assembly); }
