using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class PresentFrameTests
{
    [Fact]
    public void SwapRedBlue_turns_rgba_into_bgra_and_back()
    {
        byte[] pixels = [1, 2, 3, 4, 10, 20, 30, 40];
        PresentFrame.SwapRedBlue(pixels);
        Assert.Equal(new byte[] { 3, 2, 1, 4, 30, 20, 10, 40 }, pixels);
        PresentFrame.SwapRedBlue(pixels);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 10, 20, 30, 40 }, pixels);
    }
}
