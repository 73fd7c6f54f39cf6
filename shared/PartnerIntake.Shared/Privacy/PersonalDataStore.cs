namespace PartnerIntake.Shared.Privacy;

/// <summary>The erased marker stored where personal data was; pages show it as it is.</summary>
public static class Erased
{
    public const string Marker = "(erased)";
}

/// <summary>An inquiry's personal fields, read before they are erased (the index and the acknowledgement cap are keyed by the address).</summary>
public sealed record InquiryContact(string Email, string Country, bool AlreadyErased);

/// <summary>A mail as the export shows it: what was sent, when, and whether to the person.</summary>
public sealed record ExportedMail(string OutboxId, string Kind, bool ToThem, string? Subject, string? State, DateTimeOffset? CreatedAt, DateTimeOffset? SentAt, string? DeliveryStatus);

/// <summary>The storage side of erasure and export: each call rewrites or deletes one kind of record and says how many.</summary>
public interface IPersonalDataStore
{
    Task<InquiryContact?> GetInquiryContactAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Replaces the contact and the message of the stored document by <see cref="Erased.Marker"/>; 0 when done before.</summary>
    Task<int> EraseInquiryAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The donation's contact e-mail, null when the donation is unknown or erased.</summary>
    Task<string?> GetDonationEmailAsync(string donationId, CancellationToken cancellationToken);

    Task<int> EraseDonationContactAsync(string donationId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites the outbox records of an inquiry (its partition's <c>mail|…</c> rows) or of a donation (its notices' rows) to a
    /// non-personal trace (kind, state, dates, delivery status); returns every outbox id found and how many were rewritten.
    /// </summary>
    Task<(IReadOnlyList<string> OutboxIds, int Rewritten)> EraseMailsAsync(string ownerKind, string ownerId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<int> DeleteMailEventsAsync(string outboxId, CancellationToken cancellationToken);

    /// <summary>Removes the contact's hashed key from the inquiry's duplicate-index row (organisation and website stay).</summary>
    Task<int> EraseDuplicateKeyAsync(string country, string reference, CancellationToken cancellationToken);

    Task<int> DeleteIdempotencyKeyAsync(string keyHash, CancellationToken cancellationToken);

    Task<int> DeleteAcknowledgementCountsAsync(string email, CancellationToken cancellationToken);

    /// <summary>For the export: the stored inquiry row and assignments, as stored.</summary>
    Task<ExportedInquiry?> ExportInquiryAsync(string reference, string email, CancellationToken cancellationToken);

    Task<ExportedDonation?> ExportDonationAsync(string donationId, string email, CancellationToken cancellationToken);
}
