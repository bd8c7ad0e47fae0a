namespace SccDm.Realtime.VkGen.Model;

/// <summary>A C declarator as written in vk.xml: base type, pointer depth, const-ness and array dimensions.</summary>
/// <param name="BaseType">The C type name, e.g. <c>uint32_t</c> or <c>VkBufferCreateInfo</c>.</param>
/// <param name="PointerDepth">Number of <c>*</c> after the base type.</param>
/// <param name="IsConst">Whether the declarator starts with <c>const</c>.</param>
/// <param name="ArrayDims">Fixed array dimensions (numbers or API-constant names), outermost first.</param>
/// <param name="BitfieldWidth">Bit width when the member is a C bitfield, otherwise null.</param>
internal sealed record TypeRef(string BaseType, int PointerDepth, bool IsConst, IReadOnlyList<string> ArrayDims, int? BitfieldWidth);
