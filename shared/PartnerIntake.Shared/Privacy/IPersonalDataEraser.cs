namespace PartnerIntake.Shared.Privacy;

/// <summary>What one erasure removed, per kind of record ("inquiries", "donations", "outbox", "eml", "mailEvents", "index", …).</summary>
public sealed record ErasureReport(IReadOnlyDictionary<string, int> Erased)
{
    public static ErasureReport None { get; } = new(new Dictionary<string, int>());

    public int Total => Erased.Values.Sum();
}

/// <summary>
/// Removes partners' personal data while the movement's memory of the partnership stays: the inquiry remains as a
/// non-personal record (organisation, country, topics, routing decision, assignments, dates, outcome). Every method
/// is idempotent: erasing again changes nothing and reports zero.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Every trace of the person with this address: their inquiries' personal fields, donations' contacts, mails, index entries.</summary>
    Task<ErasureReport> ErasePersonAsync(string email, string actor, CancellationToken cancellationToken);

    /// <summary>The personal data of one inquiry (contact, message, its mails and index entries); its non-personal record stays.</summary>
    Task<ErasureReport> EraseInquiryAsync(string reference, string actor, CancellationToken cancellationToken);

    /// <summary>A donation's contact fields and its notices' mails; the donation itself (institution, collection, licence) stays.</summary>
    Task<ErasureReport> EraseDonationContactAsync(string donationId, string actor, CancellationToken cancellationToken);
}
