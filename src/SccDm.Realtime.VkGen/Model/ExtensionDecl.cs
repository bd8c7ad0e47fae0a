namespace SccDm.Realtime.VkGen.Model;

/// <summary>A supported extension: its name string and what it requires.</summary>
internal sealed record ExtensionDecl(string Name, int Number, string? NameConstant, IReadOnlySet<string> Commands, IReadOnlySet<string> Types);
