namespace SccDm.Realtime.App;

/// <summary>The configuration file could not be used.</summary>
internal sealed class AppConfigException(string message, Exception? inner = null) : Exception(message, inner);
