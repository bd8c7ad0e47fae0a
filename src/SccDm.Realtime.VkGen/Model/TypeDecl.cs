namespace SccDm.Realtime.VkGen.Model;

/// <summary>One <c>&lt;type&gt;</c> element of the registry.</summary>
internal sealed class TypeDecl
{
    public required string Name { get; init; }

    /// <summary>The <c>category</c> attribute, or empty for external/primitive types.</summary>
    public required string Category { get; init; }

    public string? Alias { get; init; }

    /// <summary>For bitmasks: the FlagBits enum (<c>requires</c> or <c>bitvalues</c>). For basetypes: the underlying C type.</summary>
    public string? Underlying { get; init; }

    /// <summary>For bitmasks: true when the typedef is <c>VkFlags64</c>.</summary>
    public bool Is64Bit { get; init; }

    /// <summary>For handles: <c>VK_DEFINE_HANDLE</c> (pointer-sized) rather than <c>VK_DEFINE_NON_DISPATCHABLE_HANDLE</c> (uint64).</summary>
    public bool IsDispatchable { get; init; }

    /// <summary>For basetypes typedef'd to a pointer (rare).</summary>
    public int UnderlyingPointerDepth { get; init; }

    public IReadOnlyList<MemberDecl> Members { get; init; } = [];

    /// <summary>For function pointers: the return type.</summary>
    public TypeRef? FuncReturn { get; init; }
}
