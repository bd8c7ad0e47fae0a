namespace SccDm.Realtime.VkGen;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("vkgen: not written yet");
        return 1;
    }
}
