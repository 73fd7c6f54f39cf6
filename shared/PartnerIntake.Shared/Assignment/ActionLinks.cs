using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerIntake.Shared.Assignment;

public sealed class LinkOptions
{
    /// <summary>The HMAC key for action links (Links:SigningKey); at least 32 characters. Rotating it voids open links.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.MinLength(32)]
    public string SigningKey { get; set; } = "";

    [System.ComponentModel.DataAnnotations.Range(1, 365)]
    public int ExpiryDays { get; set; } = 30;
}

/// <summary>What a valid link grants: one action on one assignment until it expires.</summary>
public sealed record ActionClaim(string Reference, int Sequence, string Action, DateTimeOffset ExpiresAt);

public enum LinkCheck
{
    Valid,
    Malformed,
    Tampered,
    Expired,
}

/// <summary>
/// Signed action links: HMAC-SHA256 over reference, assignment sequence, action and expiry, so they
/// work without logging in, cannot be altered, and stop working when they expire.
/// </summary>
public sealed class ActionLinks(Microsoft.Extensions.Options.IOptions<LinkOptions> options, TimeProvider time)
{
    public string Token(string reference, int sequence, string action, DateTimeOffset? expiresAt = null)
    {
        var expiry = (expiresAt ?? time.GetUtcNow().AddDays(options.Value.ExpiryDays)).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{reference}|{sequence}|{action}|{expiry}");
        return Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(Sign(payload));
    }

    public (LinkCheck Check, ActionClaim? Claim) Verify(string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 512)
        {
            return (LinkCheck.Malformed, null);
        }

        byte[] payloadBytes, signature;
        try
        {
            payloadBytes = FromBase64Url(token[..dot]);
            signature = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return (LinkCheck.Malformed, null);
        }

        var payload = Encoding.UTF8.GetString(payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return (LinkCheck.Tampered, null);
        }

        var parts = payload.Split('|');
        if (parts.Length != 4
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return (LinkCheck.Malformed, null);
        }

        var claim = new ActionClaim(parts[0], sequence, parts[2], DateTimeOffset.FromUnixTimeSeconds(expiry));
        return claim.ExpiresAt <= time.GetUtcNow() ? (LinkCheck.Expired, claim) : (LinkCheck.Valid, claim);
    }

    private byte[] Sign(string payload) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey), Encoding.UTF8.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
