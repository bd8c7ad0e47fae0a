namespace SccDm.Realtime.App.Kiosk;

/// <summary>The angles shown on screen: medians over the last second with their spread (half the range).</summary>
/// <param name="Hva">Median HVA in degrees.</param>
/// <param name="HvaSpread">Half the range of HVA over the window, in degrees.</param>
/// <param name="Ima">Median IMA in degrees.</param>
/// <param name="ImaSpread">Half the range of IMA over the window, in degrees.</param>
/// <param name="Samples">How many readings the window held.</param>
internal readonly record struct StableReading(double Hva, double HvaSpread, double Ima, double ImaSpread, int Samples);
