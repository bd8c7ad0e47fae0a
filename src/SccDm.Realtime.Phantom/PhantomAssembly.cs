namespace SccDm.Realtime.Phantom;
/// <summary>Marker for the phantom assembly.</summary>
public static class PhantomAssembly { }
