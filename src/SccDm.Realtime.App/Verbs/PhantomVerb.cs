using System.CommandLine;

namespace SccDm.Realtime.App.Verbs;

/// <summary>`sccdm phantom`: PLACEHOLDER, replaced by the phantom implementation.</summary>
internal static class PhantomVerb
{
    public static Command Create() => new("phantom", "Generate procedural foot phantom datasets (not implemented yet).");
}
