namespace SccDm.Realtime.Native;
/// <summary>Marker for the native binding assembly.</summary>
public static class NativeAssembly { }
