using System.CommandLine;
using SccDm.Realtime.App.Verbs;

namespace SccDm.Realtime.App;

/// <summary>Builds the `sccdm` command tree.</summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("sccdm: real-time synthetic radiography of the foot (synthetic images, not for diagnosis).")
        {
            DoctorVerb.Create(),
            PhantomVerb.Create(),
            DemoVerb.Create(),
            RunVerb.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
