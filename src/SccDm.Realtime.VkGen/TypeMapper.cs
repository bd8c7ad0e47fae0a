using SccDm.Realtime.VkGen.Model;

namespace SccDm.Realtime.VkGen;

/// <summary>Maps registry types to C# type names with the same size and alignment on 64-bit platforms.</summary>
internal sealed class TypeMapper
{
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["void"] = "void",
        ["char"] = "byte",
        ["float"] = "float",
        ["double"] = "double",
        ["int"] = "int",
        ["int8_t"] = "sbyte",
        ["uint8_t"] = "byte",
        ["int16_t"] = "short",
        ["uint16_t"] = "ushort",
        ["int32_t"] = "int",
        ["uint32_t"] = "uint",
        ["int64_t"] = "long",
        ["uint64_t"] = "ulong",
        ["size_t"] = "nuint",
    };

    private readonly Registry _registry;
    private readonly Dictionary<string, string> _flagBitsToFlags = new(StringComparer.Ordinal);

    public TypeMapper(Registry registry)
    {
        _registry = registry;
        foreach (var t in registry.Types.Values)
        {
            if (t is { Category: "bitmask", Alias: null, Underlying: not null })
            {
                _flagBitsToFlags[t.Underlying] = t.Name;
            }
        }
    }

    /// <summary>Follows type aliases to the canonical declaration.</summary>
    public TypeDecl? Resolve(string cName)
    {
        var seen = 0;
        while (_registry.Types.TryGetValue(cName, out var decl))
        {
            if (decl.Alias is null)
            {
                return decl;
            }

            cName = decl.Alias;
            if (++seen > 8)
            {
                throw new InvalidDataException($"alias loop at {cName}");
            }
        }

        return null;
    }

    /// <summary>The Flags typedef that carries a FlagBits enum (<c>VkBufferUsageFlagBits</c> → <c>VkBufferUsageFlags</c>), if any.</summary>
    public string? FlagsForBits(string flagBitsName) => _flagBitsToFlags.GetValueOrDefault(flagBitsName);

    /// <summary>C# spelling of a declarator without its array dimensions.</summary>
    public string Map(TypeRef type)
    {
        var baseName = MapBase(type.BaseType, out var extraPointers);
        return baseName + new string('*', type.PointerDepth + extraPointers);
    }

    /// <summary>C# spelling of a declarator; fixed arrays become nested <c>FixedArrayN&lt;T&gt;</c> inline arrays.</summary>
    public string MapWithArrays(TypeRef type, Func<string, int> resolveDim)
    {
        var element = Map(type);
        for (var i = type.ArrayDims.Count - 1; i >= 0; i--)
        {
            element = $"FixedArray{resolveDim(type.ArrayDims[i])}<{element}>";
        }

        return element;
    }

    private string MapBase(string cName, out int extraPointers)
    {
        extraPointers = 0;
        if (Primitives.TryGetValue(cName, out var primitive))
        {
            return primitive;
        }

        if (cName == "VkBool32")
        {
            return "Bool32";
        }

        var decl = Resolve(cName);
        if (decl is null)
        {
            // External platform types (Display, xcb_connection_t...) are opaque to this binding.
            return "nint";
        }

        switch (decl.Category)
        {
            case "basetype":
                if (decl.Underlying is null)
                {
                    // Opaque platform structs (ANativeWindow...): only ever used by pointer.
                    return "nint";
                }

                extraPointers = decl.UnderlyingPointerDepth;
                return MapBase(decl.Underlying, out _);
            case "enum":
                return Naming.TypeName(FlagsForBits(decl.Name) ?? decl.Name);
            case "funcpointer":
                return FunctionPointer(decl);
            case "bitmask":
            case "handle":
            case "struct":
            case "union":
                return Naming.TypeName(decl.Name);
            default:
                return "nint";
        }
    }

    private string FunctionPointer(TypeDecl decl)
    {
        if (decl.Name == "PFN_vkVoidFunction")
        {
            // What vkGet*ProcAddr returns: an untyped entry point, cast by the caller.
            return "nint";
        }

        var parts = decl.Members.Select(p => Map(p.Type)).Append(Map(decl.FuncReturn!));
        return $"delegate* unmanaged<{string.Join(", ", parts)}>";
    }
}
