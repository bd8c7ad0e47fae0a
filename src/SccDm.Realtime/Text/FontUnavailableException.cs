namespace SccDm.Realtime.Text;

/// <summary>The HUD font or FreeType could not be loaded; the message names the font file and the package to install.</summary>
public sealed class FontUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
