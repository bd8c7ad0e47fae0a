namespace SccDm.Realtime.VkGen.Model;

/// <summary>A <c>&lt;command&gt;</c>: return type and parameters.</summary>
internal sealed record CommandDecl(string Name, TypeRef Return, IReadOnlyList<MemberDecl> Params);
