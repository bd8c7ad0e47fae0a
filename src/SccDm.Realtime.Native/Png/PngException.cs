namespace SccDm.Realtime.Native.Png;

/// <summary>A PNG file could not be read or written; the message names the file and libpng's reason.</summary>
public sealed class PngException(string message, Exception? inner = null) : Exception(message, inner);
