namespace SccDm.Realtime;
/// <summary>Marker for the plugin assembly.</summary>
public static class PluginAssembly { }
