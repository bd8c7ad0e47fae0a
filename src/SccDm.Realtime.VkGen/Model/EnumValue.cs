namespace SccDm.Realtime.VkGen.Model;

/// <summary>One enumerant: either a numeric value or an alias of another enumerant of the same enum.</summary>
internal sealed record EnumValue(string Name, long? Value, string? Alias);
