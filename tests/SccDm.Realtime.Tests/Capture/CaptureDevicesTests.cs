using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Tests.Capture;

public sealed class CaptureDevicesTests
{
    [Fact]
    public void Lists_exactly_the_video_device_nodes_of_this_machine()
    {
        string[] nodes = Directory.Exists("/dev") ? [.. Directory.EnumerateFileSystemEntries("/dev", "video*").Order(StringComparer.Ordinal)] : [];
        IReadOnlyList<CaptureDevice> devices = CaptureDevices.ListV4l2();
        // On CI (no camera) both are empty; on a kiosk each device comes with ffmpeg's format lines.
        Assert.Equal(nodes, devices.Select(d => d.Path));
    }
}
