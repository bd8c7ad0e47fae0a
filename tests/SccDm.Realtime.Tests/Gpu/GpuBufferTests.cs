using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class GpuBufferTests
{
    [Fact]
    public void IsPersistentlyMappedAlignedAndReadWrite()
    {
        var device = ValidatedDevice.Create();
        using (device)
        {
            var buffer = GpuBuffer.Create<float>(device, 1000);
            Assert.Equal(4000, buffer.SizeInBytes);
            Assert.NotEqual(0, buffer.MappedPointer);
            Assert.Equal(0, buffer.MappedPointer % 64);
            var span = buffer.AsSpan<float>();
            Assert.Equal(1000, span.Length);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i * 0.5f;
            }

            Assert.Equal(999 * 0.5f, buffer.AsSpan<float>()[999]);
            Assert.Equal(4000, buffer.AsSpan<byte>().Length);
            buffer.Dispose();
            buffer.Dispose(); // idempotent
            Assert.Throws<ObjectDisposedException>(() => buffer.MappedPointer);
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }

    [Fact]
    public void RejectsEmptySize()
    {
        var device = ValidatedDevice.Create();
        using (device)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => GpuBuffer.Create(device, 0));
        }

        ValidatedDevice.AssertNoValidationMessages(device);
    }
}
