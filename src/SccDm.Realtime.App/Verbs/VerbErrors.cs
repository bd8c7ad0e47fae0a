namespace SccDm.Realtime.App.Verbs;

/// <summary>How the verbs report a failure a user can fix: one line on stderr, prefixed with the verb, and an exit code.</summary>
internal static class VerbErrors
{
    /// <summary>Writes "<paramref name="verb"/>: <paramref name="message"/>" to stderr and returns <paramref name="code"/>.</summary>
    public static int Fail(string verb, int code, string message)
    {
        System.Console.Error.WriteLine($"{verb}: {message}");
        return code;
    }

    /// <summary>An out-of-range option's message without .NET's "(Parameter 'x')" and "Actual value" tail.</summary>
    public static string Describe(ArgumentOutOfRangeException e) => e.Message.Split(" (Parameter")[0];
}
