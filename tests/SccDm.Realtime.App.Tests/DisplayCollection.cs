namespace SccDm.Realtime.App.Tests;

/// <summary>
/// Tests that initialise or terminate GLFW (windows, `sccdm doctor`'s display check). GLFW is process-global and not
/// thread-safe: a glfwTerminate from one test under another's open window corrupted the heap. They run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisplayCollection
{
    public const string Name = "Display (GLFW is process-global)";
}
