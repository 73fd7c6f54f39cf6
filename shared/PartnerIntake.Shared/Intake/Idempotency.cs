using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Shared.Intake;

/// <summary>A client's Idempotency-Key, kept hashed, and a fingerprint of what it was first used for.</summary>
public sealed record IdempotencyClaim(string KeyHash, string BodyHash)
{
    public const int MaxKeyLength = 200;

    public static IdempotencyClaim For(string key, InquirySubmission submission) => new(
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission, Json.Options))));
}

public interface IIdempotencyStore
{
    /// <summary>Records key → reference unless the key is known; returns the stored reference and body fingerprint either way.</summary>
    Task<(string Reference, string BodyHash)> ClaimAsync(IdempotencyClaim claim, string reference, DateTimeOffset at, CancellationToken cancellationToken);
}
