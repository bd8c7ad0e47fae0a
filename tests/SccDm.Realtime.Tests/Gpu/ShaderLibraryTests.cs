using System.Buffers.Binary;
using SccDm.Realtime.Gpu;

namespace SccDm.Realtime.Tests.Gpu;

public sealed class ShaderLibraryTests
{
    private const uint SpirvMagic = 0x07230203;

    [Theory]
    [InlineData("gaussian_blur.comp")]
    [InlineData("fullscreen.vert")]
    [InlineData("present_gray.frag")]
    [InlineData("shaders/gaussian_blur.comp.spv")]
    [InlineData("gaussian_blur.comp.spv")]
    public void LoadsEmbeddedSpirv(string name)
    {
        var code = ShaderLibrary.Load(name);
        Assert.True(code.Length > 20 && code.Length % 4 == 0, $"{name}: {code.Length} bytes");
        Assert.Equal(SpirvMagic, BinaryPrimitives.ReadUInt32LittleEndian(code));
    }

    [Fact]
    public void EveryShaderSourceIsEmbedded()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Vulkan.RepoPaths.Root, "shaders"))
            .Select(p => Path.GetFileName(p))
            .Where(n => n.EndsWith(".comp", StringComparison.Ordinal) || n.EndsWith(".vert", StringComparison.Ordinal) || n.EndsWith(".frag", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(sources);
        Assert.Equal(sources, ShaderLibrary.Names);
    }

    [Fact]
    public void UnknownShaderNamesTheAvailableOnes()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ShaderLibrary.Load("nope.comp"));
        Assert.Contains("shaders/nope.comp.spv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gaussian_blur.comp", ex.Message, StringComparison.Ordinal);
    }
}
