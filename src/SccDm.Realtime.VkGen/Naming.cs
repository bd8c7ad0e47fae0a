using System.Text;
using System.Text.RegularExpressions;

namespace SccDm.Realtime.VkGen;

/// <summary>
/// C → C# naming, chosen to be close to Silk.NET.Vulkan so that a later swap is mechanical:
/// types drop the <c>Vk</c> prefix (vendor suffix kept: <c>SurfaceKHR</c>), FlagBits enums take the Flags name,
/// enumerants drop the enum's prefix and become PascalCase (<c>VK_ERROR_OUT_OF_DATE_KHR</c> → <c>ErrorOutOfDateKhr</c>),
/// fields are PascalCase (<c>sType</c> → <c>SType</c>) and commands drop <c>vk</c>.
/// </summary>
internal static partial class Naming
{
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>VkBufferCreateInfo</c> → <c>BufferCreateInfo</c>.</summary>
    public static string TypeName(string cName) =>
        cName.StartsWith("Vk", StringComparison.Ordinal) ? cName[2..] : cName;

    /// <summary><c>vkCmdDispatch</c> → <c>CmdDispatch</c>.</summary>
    public static string CommandName(string cName) =>
        cName.StartsWith("vk", StringComparison.Ordinal) ? cName[2..] : cName;

    /// <summary><c>queueFamilyIndex</c> → <c>QueueFamilyIndex</c>.</summary>
    public static string FieldName(string cName) => char.ToUpperInvariant(cName[0]) + cName[1..];

    /// <summary>A C parameter name made safe for C# (<c>event</c> → <c>@event</c>).</summary>
    public static string ParameterName(string cName) => CSharpKeywords.Contains(cName) ? "@" + cName : cName;

    /// <summary>Parameter name for an in/out overload: <c>pCreateInfo</c> → <c>createInfo</c>.</summary>
    public static string ByRefParameterName(string cName)
    {
        var name = cName.Length > 1 && cName[0] == 'p' && char.IsUpper(cName[1])
            ? char.ToLowerInvariant(cName[1]) + cName[2..]
            : cName;
        return ParameterName(name);
    }

    /// <summary><c>VK_MAX_PHYSICAL_DEVICE_NAME_SIZE</c> → <c>MaxPhysicalDeviceNameSize</c>.</summary>
    public static string ConstantName(string cName) =>
        JoinWords(cName.Split('_', StringSplitOptions.RemoveEmptyEntries).Skip(1));

    /// <summary>
    /// Enumerant name within its enum: strip the words shared with the enum's own name
    /// (<c>VkBufferUsageFlagBits</c> → <c>VK_BUFFER_USAGE_</c>), keep one more word when the rest would start
    /// with a digit (<c>VK_IMAGE_TYPE_2D</c> → <c>Type2D</c>), PascalCase the remainder.
    /// </summary>
    public static string EnumMemberName(string enumCName, string valueCName, IReadOnlyList<string> tags)
    {
        var baseName = TypeName(enumCName);
        foreach (var tag in tags)
        {
            if (baseName.EndsWith(tag, StringComparison.Ordinal) && baseName.Length > tag.Length)
            {
                baseName = baseName[..^tag.Length];
                break;
            }
        }

        baseName = baseName.Replace("FlagBits", string.Empty, StringComparison.Ordinal);
        var prefixWords = new List<string> { "VK" };
        prefixWords.AddRange(CamelWordsRegex().Matches(baseName).Select(m => m.Value.ToUpperInvariant()));
        var valueWords = valueCName.Split('_', StringSplitOptions.RemoveEmptyEntries);

        var common = 0;
        while (common < prefixWords.Count && common < valueWords.Length && prefixWords[common] == valueWords[common])
        {
            common++;
        }

        if (common == valueWords.Length)
        {
            common--;
        }

        while (common > 0 && char.IsDigit(valueWords[common][0]))
        {
            common--;
        }

        return JoinWords(valueWords.Skip(common));
    }

    private static string JoinWords(IEnumerable<string> words)
    {
        var sb = new StringBuilder();
        foreach (var word in words)
        {
            if (!word.Any(char.IsDigit) || LettersThenDigitsRegex().IsMatch(word))
            {
                // UINT16 → Uint16, SRGB → Srgb.
                sb.Append(char.ToUpperInvariant(word[0])).Append(word[1..].ToLowerInvariant());
            }
            else
            {
                // R8G8B8A8, 2D, 4x4, D32: mixed letter/digit tokens stay as the registry spells them.
                sb.Append(word);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("[A-Z][a-z]*|[0-9]+[A-Z]?(?![a-z])|[a-z]+")]
    private static partial Regex CamelWordsRegex();

    [GeneratedRegex("^[A-Z]{2,}[0-9]+$")]
    private static partial Regex LettersThenDigitsRegex();
}
