using System.Globalization;
using System.Security.Cryptography;

namespace SccDm.Realtime.Recording;

/// <summary>
/// Names of recorded sessions: the UTC start time (so a folder listing sorts by time) and 96 random bits, and nothing
/// about the patient, e.g. <c>20261122T143005Z-9f3a1c2b7d4e5f6012ab34cd</c>.
/// </summary>
public static class SessionId
{
    /// <summary>A new id for a session starting at <paramref name="startUtc"/>.</summary>
    public static string New(DateTimeOffset startUtc)
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return startUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(random);
    }
}
