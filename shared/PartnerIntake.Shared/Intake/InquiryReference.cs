using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PartnerIntake.Shared.Intake;

/// <summary>
/// Inquiry references: 80 random bits in Crockford base32, grouped for reading aloud
/// (PI-XXXX-XXXX-XXXX-XXXX). Unguessable, so the status page needs no login.
/// </summary>
public static partial class InquiryReference
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[16];
        ulong high = 0;
        for (var i = 0; i < 5; i++)
        {
            high = (high << 8) | bytes[i];
        }

        ulong low = 0;
        for (var i = 5; i < 10; i++)
        {
            low = (low << 8) | bytes[i];
        }

        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(high & 31)];
            high >>= 5;
            chars[8 + i] = Alphabet[(int)(low & 31)];
            low >>= 5;
        }

        var text = new string(chars);
        return $"PI-{text[..4]}-{text[4..8]}-{text[8..12]}-{text[12..]}";
    }

    /// <summary>Checks the shape before any storage lookup, so arbitrary input never reaches a key.</summary>
    public static bool IsWellFormed(string? candidate) => candidate is not null && Pattern().IsMatch(candidate);

    [GeneratedRegex("^PI-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")]
    private static partial Regex Pattern();
}
