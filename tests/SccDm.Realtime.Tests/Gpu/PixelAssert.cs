namespace SccDm.Realtime.Tests.Gpu;

internal static class PixelAssert
{
    /// <summary>Every byte within ±tolerance (GPU float→UNORM rounding may differ from the CPU's by one).</summary>
    public static void Close(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int width, int tolerance = 1)
    {
        Assert.Equal(expected.Length, actual.Length);
        var bad = 0;
        var first = string.Empty;
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > tolerance)
            {
                if (bad++ == 0)
                {
                    var pixel = i / 4;
                    first = $"pixel ({pixel % width},{pixel / width}) channel {i % 4}: expected {expected[i]}, got {actual[i]}";
                }
            }
        }

        Assert.True(bad == 0, $"{bad} byte(s) off by more than {tolerance}; first: {first}");
    }
}
