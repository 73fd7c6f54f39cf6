using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

/// <summary>The personal-data index in memory, keyed by the normalised address as the table's keyed hash is.</summary>
public sealed class InMemoryPersonalDataIndex : IPersonalDataIndex
{
    public Dictionary<string, List<PersonalDataEntry>> Entries { get; } = [];

    public Task AddAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken)
    {
        var list = Entries.TryGetValue(AcknowledgementAddress.Normalise(email), out var l) ? l : Entries[AcknowledgementAddress.Normalise(email)] = [];
        if (!list.Contains(entry))
        {
            list.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PersonalDataEntry>> FindAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PersonalDataEntry>>(
            Entries.TryGetValue(AcknowledgementAddress.Normalise(email), out var list) ? list.ToList() : []);

    public Task<int> RemoveAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult(Entries.TryGetValue(AcknowledgementAddress.Normalise(email), out var list) && list.RemoveAll(e => e.Kind == entry.Kind && e.Id == entry.Id) > 0 ? 1 : 0);
}

/// <summary>Stored records as flags: each erase call flips its flag once and reports 1, then 0.</summary>
public sealed class InMemoryPersonalDataStore : IPersonalDataStore
{
    public Dictionary<string, (string Email, bool Erased, string[] Mails)> Inquiries { get; } = [];

    public Dictionary<string, (string Email, bool Erased, string[] Mails)> Donations { get; } = [];

    public HashSet<string> ErasedMails { get; } = [];

    public HashSet<string> Events { get; } = [];

    public HashSet<string> IdempotencyKeys { get; } = [];

    public HashSet<string> AcknowledgedAddresses { get; } = [];

    public HashSet<string> DuplicateKeys { get; } = [];

    public Task<InquiryContact?> GetInquiryContactAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Inquiries.TryGetValue(reference, out var i) ? new InquiryContact(i.Erased ? Erased.Marker : i.Email, "PL", i.Erased) : null);

    public Task<int> EraseInquiryAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Inquiries.TryGetValue(reference, out var i) || i.Erased)
        {
            return Task.FromResult(0);
        }

        Inquiries[reference] = i with { Erased = true };
        return Task.FromResult(1);
    }

    public Task<string?> GetDonationEmailAsync(string donationId, CancellationToken cancellationToken) =>
        Task.FromResult(Donations.TryGetValue(donationId, out var d) && !d.Erased ? d.Email : null);

    public Task<int> EraseDonationContactAsync(string donationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Donations.TryGetValue(donationId, out var d) || d.Erased)
        {
            return Task.FromResult(0);
        }

        Donations[donationId] = d with { Erased = true };
        return Task.FromResult(1);
    }

    public Task<(IReadOnlyList<string> OutboxIds, int Rewritten)> EraseMailsAsync(string ownerKind, string ownerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var owners = ownerKind == PersonalDataEntry.Inquiry ? Inquiries : Donations;
        var mails = owners.TryGetValue(ownerId, out var o) ? o.Mails : [];
        return Task.FromResult<(IReadOnlyList<string>, int)>((mails, mails.Count(ErasedMails.Add)));
    }

    public Task<int> DeleteMailEventsAsync(string outboxId, CancellationToken cancellationToken) => Task.FromResult(Events.Remove(outboxId) ? 1 : 0);

    public Task<int> EraseDuplicateKeyAsync(string country, string reference, CancellationToken cancellationToken) =>
        Task.FromResult(DuplicateKeys.Remove(reference) ? 1 : 0);

    public Task<int> DeleteIdempotencyKeyAsync(string keyHash, CancellationToken cancellationToken) => Task.FromResult(IdempotencyKeys.Remove(keyHash) ? 1 : 0);

    public Task<int> DeleteAcknowledgementCountsAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(AcknowledgedAddresses.Remove(AcknowledgementAddress.Normalise(email)) ? 1 : 0);

    public Task<ExportedInquiry?> ExportInquiryAsync(string reference, string email, CancellationToken cancellationToken) =>
        Task.FromResult(Inquiries.TryGetValue(reference, out var i)
            ? new ExportedInquiry(reference, DateTimeOffset.UnixEpoch, InquiryStatus.Routed, null, null, null, null, [],
                i.Mails.Select(m => new ExportedMail(m, "acknowledgement", true, "Thanks", "sent", null, null, null)).ToList())
            : null);

    public Task<ExportedDonation?> ExportDonationAsync(string donationId, string email, CancellationToken cancellationToken) =>
        Task.FromResult(Donations.TryGetValue(donationId, out _) ? new ExportedDonation(donationId, DateTimeOffset.UnixEpoch, null, null, []) : null);
}
