namespace SccDm.Realtime.VkGen.Model;

/// <summary>An API constant such as <c>VK_MAX_PHYSICAL_DEVICE_NAME_SIZE</c>.</summary>
/// <param name="CType">The C type (<c>uint32_t</c>, <c>uint64_t</c>, <c>float</c>), null for aliases.</param>
/// <param name="Value">The C value text, e.g. <c>(~0U)</c>.</param>
internal sealed record ConstantDecl(string Name, string? CType, string? Value, string? Alias);
