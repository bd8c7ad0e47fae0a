namespace SccDm.Realtime.VkGen.Model;

/// <summary>A struct/union member or a command/function-pointer parameter.</summary>
/// <param name="Name">The C name, e.g. <c>pNext</c>.</param>
/// <param name="Type">The declarator.</param>
/// <param name="Values">For <c>sType</c> members: the structure type value the struct must carry.</param>
/// <param name="Optional">The raw <c>optional</c> attribute.</param>
/// <param name="Len">The raw <c>len</c> attribute (arrays passed by pointer).</param>
internal sealed record MemberDecl(string Name, TypeRef Type, string? Values, string? Optional, string? Len);
