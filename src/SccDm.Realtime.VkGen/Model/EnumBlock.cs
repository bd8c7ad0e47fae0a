namespace SccDm.Realtime.VkGen.Model;

/// <summary>An <c>&lt;enums&gt;</c> block plus every value that features/extensions add to it.</summary>
internal sealed class EnumBlock
{
    public required string Name { get; init; }
    public required bool IsBitmask { get; init; }
    public required int BitWidth { get; init; }
    public List<EnumValue> Values { get; } = [];
}
