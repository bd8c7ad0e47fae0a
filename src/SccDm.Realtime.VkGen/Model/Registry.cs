using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SccDm.Realtime.VkGen.Model;

/// <summary>
/// The parts of vk.xml the generator needs, parsed once. Only elements for the <c>vulkan</c> API are kept
/// (elements carrying an <c>api</c> attribute without <c>vulkan</c>, e.g. Vulkan SC, are dropped).
/// </summary>
internal sealed partial class Registry
{
    public Dictionary<string, TypeDecl> Types { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EnumBlock> Enums { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CommandDecl> Commands { get; } = new(StringComparer.Ordinal);

    /// <summary>Command aliases (alias name → canonical name).</summary>
    public Dictionary<string, string> CommandAliases { get; } = new(StringComparer.Ordinal);

    public List<ConstantDecl> Constants { get; } = [];
    public List<ExtensionDecl> Extensions { get; } = [];

    /// <summary>Vendor tags (KHR, EXT, NV...), longest first so that e.g. AMDX is tried before AMD.</summary>
    public List<string> Tags { get; } = [];

    /// <summary>The registry version, e.g. <c>1.3.239</c>.</summary>
    public string HeaderVersion { get; private set; } = "unknown";

    public static Registry Load(string xmlPath)
    {
        var doc = XDocument.Load(xmlPath, LoadOptions.None);
        var root = doc.Root ?? throw new InvalidDataException($"{xmlPath}: empty document");
        var registry = new Registry();
        registry.ParseTags(root);
        registry.ParseTypes(root);
        registry.ParseEnums(root);
        registry.ParseCommands(root);
        registry.ParseFeaturesAndExtensions(root);
        return registry;
    }

    /// <summary>True when the element is meant for the Vulkan API (not only Vulkan SC).</summary>
    private static bool IsForVulkan(XElement e, string attribute = "api")
    {
        var api = (string?)e.Attribute(attribute);
        return api is null || api.Split(',').Contains("vulkan", StringComparer.Ordinal);
    }

    private void ParseTags(XElement root)
    {
        foreach (var tag in root.Elements("tags").Elements("tag"))
        {
            Tags.Add((string)tag.Attribute("name")!);
        }

        Tags.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
    }

    private void ParseTypes(XElement root)
    {
        string? headerVersion = null;
        string? headerComplete = null;
        foreach (var t in root.Elements("types").Elements("type"))
        {
            if (!IsForVulkan(t))
            {
                continue;
            }

            var category = (string?)t.Attribute("category") ?? string.Empty;
            var name = (string?)t.Attribute("name") ?? (string?)t.Element("name");
            if (name is null)
            {
                continue;
            }

            if (category == "define")
            {
                var text = t.Value;
                if (name == "VK_HEADER_VERSION")
                {
                    headerVersion = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
                }
                else if (name == "VK_HEADER_VERSION_COMPLETE")
                {
                    headerComplete = text;
                }

                continue;
            }

            var alias = (string?)t.Attribute("alias");
            if (alias is not null)
            {
                Types[name] = new TypeDecl { Name = name, Category = category, Alias = alias };
                continue;
            }

            TypeDecl decl = category switch
            {
                "struct" or "union" => new TypeDecl
                {
                    Name = name,
                    Category = category,
                    Members = t.Elements("member").Where(m => IsForVulkan(m)).Select(ParseDeclarator).ToList(),
                },
                "bitmask" => new TypeDecl
                {
                    Name = name,
                    Category = category,
                    Underlying = (string?)t.Attribute("requires") ?? (string?)t.Attribute("bitvalues"),
                    Is64Bit = (string?)t.Element("type") == "VkFlags64",
                },
                "handle" => new TypeDecl
                {
                    Name = name,
                    Category = category,
                    IsDispatchable = (string?)t.Element("type") == "VK_DEFINE_HANDLE",
                },
                "basetype" => new TypeDecl
                {
                    Name = name,
                    Category = category,
                    Underlying = (string?)t.Element("type"),
                    UnderlyingPointerDepth = t.Value.Count(c => c == '*'),
                },
                "funcpointer" => ParseFuncPointer(t, name),
                _ => new TypeDecl { Name = name, Category = category },
            };
            Types[name] = decl;
        }

        // VK_HEADER_VERSION_COMPLETE is VK_MAKE_API_VERSION(0, 1, 3, VK_HEADER_VERSION).
        if (headerVersion is not null && headerComplete is not null)
        {
            var m = HeaderCompleteRegex().Match(headerComplete);
            HeaderVersion = m.Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}.{headerVersion}" : headerVersion;
        }
    }

    private static TypeDecl ParseFuncPointer(XElement t, string name)
    {
        // Render the typedef with <type> elements marked so that parameter types can be told from parameter names:
        // "typedef VkBool32 (VKAPI_PTR *PFN_x)(@VkFoo@ a, const @VkBar@* b);"
        var sb = new StringBuilder();
        foreach (var node in t.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "type" } e:
                    sb.Append('@').Append(e.Value).Append('@');
                    break;
                case XElement { Name.LocalName: "name" } e:
                    sb.Append(e.Value);
                    break;
            }
        }

        var full = sb.ToString();
        var m = FuncPointerRegex().Match(full);
        if (!m.Success)
        {
            throw new InvalidDataException($"cannot parse function pointer {name}: {full}");
        }

        var ret = ParseCDecl(m.Groups[1].Value.Replace("@", string.Empty, StringComparison.Ordinal) + " _ret");
        var parameters = new List<MemberDecl>();
        var paramText = m.Groups[2].Value.Trim();
        if (paramText != "void")
        {
            foreach (var p in paramText.Split(','))
            {
                var d = ParseCDecl(p.Replace("@", string.Empty, StringComparison.Ordinal));
                parameters.Add(new MemberDecl(d.Name, d.Type, null, null, null));
            }
        }

        return new TypeDecl { Name = name, Category = "funcpointer", Members = parameters, FuncReturn = ret.Type };
    }

    /// <summary>Parses a plain C declaration "const Foo* const* name" (no arrays).</summary>
    private static (string Name, TypeRef Type) ParseCDecl(string text)
    {
        var stars = text.Count(c => c == '*');
        var words = text.Replace("*", " ", StringComparison.Ordinal)
            .Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        var isConst = words.Count > 0 && words[0] == "const";
        words.RemoveAll(w => w == "const");
        if (words.Count != 2)
        {
            throw new InvalidDataException($"cannot parse C declaration '{text}'");
        }

        return (words[1], new TypeRef(words[0], stars, isConst, [], null));
    }

    /// <summary>Parses a &lt;member&gt; or &lt;param&gt; element: text, &lt;type&gt;, &lt;name&gt;, &lt;enum&gt; and &lt;comment&gt; children.</summary>
    private static MemberDecl ParseDeclarator(XElement e)
    {
        var before = new StringBuilder();
        var between = new StringBuilder();
        var after = new StringBuilder();
        string? type = null;
        string? name = null;
        foreach (var node in e.Nodes())
        {
            switch (node)
            {
                case XElement { Name.LocalName: "comment" }:
                    break;
                case XElement { Name.LocalName: "type" } te:
                    type = te.Value;
                    break;
                case XElement { Name.LocalName: "name" } ne:
                    name = ne.Value;
                    break;
                case XElement { Name.LocalName: "enum" } ee:
                    after.Append(ee.Value);
                    break;
                case XText text:
                    (type is null ? before : name is null ? between : after).Append(text.Value);
                    break;
            }
        }

        if (type is null || name is null)
        {
            throw new InvalidDataException($"cannot parse declarator: {e}");
        }

        var dims = new List<string>();
        foreach (Match m in ArrayDimRegex().Matches(after.ToString()))
        {
            dims.Add(m.Groups[1].Value);
        }

        int? bitfield = null;
        var bf = BitfieldRegex().Match(after.ToString());
        if (bf.Success)
        {
            bitfield = int.Parse(bf.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var typeRef = new TypeRef(
            type,
            between.ToString().Count(c => c == '*'),
            before.ToString().Contains("const", StringComparison.Ordinal),
            dims,
            bitfield);
        return new MemberDecl(name, typeRef, (string?)e.Attribute("values"), (string?)e.Attribute("optional"), (string?)e.Attribute("len"));
    }

    private void ParseEnums(XElement root)
    {
        foreach (var block in root.Elements("enums"))
        {
            var name = (string)block.Attribute("name")!;
            var kind = (string?)block.Attribute("type");
            if (name == "API Constants")
            {
                foreach (var c in block.Elements("enum").Where(c => IsForVulkan(c)))
                {
                    Constants.Add(new ConstantDecl(
                        (string)c.Attribute("name")!,
                        (string?)c.Attribute("type"),
                        (string?)c.Attribute("value"),
                        (string?)c.Attribute("alias")));
                }

                continue;
            }

            if (kind is not ("enum" or "bitmask"))
            {
                continue;
            }

            var enumBlock = new EnumBlock
            {
                Name = name,
                IsBitmask = kind == "bitmask",
                BitWidth = (int?)block.Attribute("bitwidth") ?? 32,
            };
            foreach (var v in block.Elements("enum").Where(v => IsForVulkan(v)))
            {
                AddValue(enumBlock, v, extensionNumber: null);
            }

            Enums[name] = enumBlock;
        }
    }

    private static void AddValue(EnumBlock block, XElement v, int? extensionNumber)
    {
        var name = (string)v.Attribute("name")!;
        if (block.Values.Any(x => x.Name == name))
        {
            // Several features/extensions may require the same enumerant; the first definition wins.
            return;
        }

        var alias = (string?)v.Attribute("alias");
        if (alias is not null)
        {
            block.Values.Add(new EnumValue(name, null, alias));
            return;
        }

        long value;
        if (v.Attribute("bitpos") is { } bitpos)
        {
            value = 1L << int.Parse(bitpos.Value, CultureInfo.InvariantCulture);
        }
        else if (v.Attribute("value") is { } literal)
        {
            value = ParseInteger(literal.Value);
        }
        else if (v.Attribute("offset") is { } offset)
        {
            // Registry rule: 1e9 + (extension number - 1) * 1000 + offset, negated for dir="-".
            var ext = (int?)v.Attribute("extnumber") ?? extensionNumber
                ?? throw new InvalidDataException($"{name}: offset without extension number");
            value = 1_000_000_000L + ((ext - 1) * 1000L) + long.Parse(offset.Value, CultureInfo.InvariantCulture);
            if ((string?)v.Attribute("dir") == "-")
            {
                value = -value;
            }
        }
        else
        {
            throw new InvalidDataException($"{name}: enumerant without value");
        }

        block.Values.Add(new EnumValue(name, value, null));
    }

    private static long ParseInteger(string text)
    {
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private void ParseCommands(XElement root)
    {
        foreach (var c in root.Elements("commands").Elements("command"))
        {
            if (!IsForVulkan(c))
            {
                continue;
            }

            var alias = (string?)c.Attribute("alias");
            if (alias is not null)
            {
                CommandAliases[(string)c.Attribute("name")!] = alias;
                continue;
            }

            var proto = ParseDeclarator(c.Element("proto")!);
            var parameters = c.Elements("param").Where(p => IsForVulkan(p)).Select(ParseDeclarator).ToList();
            Commands[proto.Name] = new CommandDecl(proto.Name, proto.Type, parameters);
        }
    }

    private void ParseFeaturesAndExtensions(XElement root)
    {
        foreach (var feature in root.Elements("feature").Where(f => IsForVulkan(f)))
        {
            foreach (var require in feature.Elements("require").Where(r => IsForVulkan(r)))
            {
                AddRequiredEnums(require, extensionNumber: null);
            }
        }

        foreach (var ext in root.Elements("extensions").Elements("extension"))
        {
            if (!IsForVulkan(ext, "supported"))
            {
                continue;
            }

            var number = (int)ext.Attribute("number")!;
            var name = (string)ext.Attribute("name")!;
            string? nameConstant = null;
            var commands = new HashSet<string>(StringComparer.Ordinal);
            var types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var require in ext.Elements("require").Where(r => IsForVulkan(r)))
            {
                AddRequiredEnums(require, number);
                foreach (var e in require.Elements("enum"))
                {
                    var enumName = (string)e.Attribute("name")!;
                    if (e.Attribute("extends") is null && enumName.EndsWith("_EXTENSION_NAME", StringComparison.Ordinal))
                    {
                        nameConstant = enumName;
                    }
                }

                commands.UnionWith(require.Elements("command").Select(x => (string)x.Attribute("name")!));
                types.UnionWith(require.Elements("type").Select(x => (string)x.Attribute("name")!));
            }

            Extensions.Add(new ExtensionDecl(name, number, nameConstant, commands, types));
        }
    }

    private void AddRequiredEnums(XElement require, int? extensionNumber)
    {
        foreach (var e in require.Elements("enum").Where(e => IsForVulkan(e)))
        {
            var extends = (string?)e.Attribute("extends");
            if (extends is not null && Enums.TryGetValue(extends, out var block))
            {
                AddValue(block, e, extensionNumber);
            }
        }
    }

    [GeneratedRegex(@"\(\s*\d+\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*VK_HEADER_VERSION\s*\)")]
    private static partial Regex HeaderCompleteRegex();

    [GeneratedRegex(@"typedef\s+(.+?)\s*\(\s*VKAPI_PTR\s*\*\s*\w+\s*\)\s*\((.*)\)\s*;", RegexOptions.Singleline)]
    private static partial Regex FuncPointerRegex();

    [GeneratedRegex(@"\[\s*(\w+)\s*\]")]
    private static partial Regex ArrayDimRegex();

    [GeneratedRegex(@":\s*(\d+)")]
    private static partial Regex BitfieldRegex();
}
