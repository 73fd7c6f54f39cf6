namespace PartnerIntake.Shared.Privacy;

/// <summary>What a person's index lists: their inquiries and donations ("inquiry" / "donation" with its id).</summary>
public sealed record PersonalDataEntry(string Kind, string Id, string? IdempotencyKeyHash = null)
{
    public const string Inquiry = "inquiry";
    public const string Donation = "donation";
}

/// <summary>
/// Where a person's records are, keyed by a keyed hash of their normalised address (never the address itself), so
/// erasure and export find them with one partition read instead of scanning every inquiry.
/// </summary>
public interface IPersonalDataIndex
{
    Task AddAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<PersonalDataEntry>> FindAsync(string email, CancellationToken cancellationToken);

    Task<int> RemoveAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken);
}
