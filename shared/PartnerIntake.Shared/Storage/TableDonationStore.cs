using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Donations table: PartitionKey = donation id, RowKey = "donation". The ledger; bounces and unsubscribes are columns, and
/// so is the inquiry reference when there is one (the console lists an inquiry's donations by it).
/// </summary>
public sealed class TableDonationStore(StorageAccount storage) : IDonationStore, IDonationBounces
{
    private const string RowKey = "donation";

    private TableClient Table => storage.Table(TableNames.Donations);

    public Task InsertAsync(Donation donation, CancellationToken cancellationToken)
    {
        var e = new TableEntity(donation.Id, RowKey)
        {
            ["Document"] = JsonSerializer.Serialize(donation.Submission, Json.Options),
            ["RecordedAt"] = donation.RecordedAt,
            ["Institution"] = donation.Submission.Institution.Name,
            ["Country"] = donation.Submission.Institution.Country,
            ["Unsubscribed"] = false,
        };
        e.With("InquiryReference", donation.Submission.InquiryReference);

        // A plain insert: a second donation with the same id is an error (409), not an overwrite.
        return StorageAccount.Guard(() => Table.AddEntityAsync(e, cancellationToken));
    }

    /// <summary>Inserts a batch of donations; each has its own partition, so these are single inserts, stopped at the first failure.</summary>
    public async Task InsertAllAsync(IReadOnlyList<Donation> donations, CancellationToken cancellationToken)
    {
        foreach (var chunk in donations.Chunk(16))
        {
            await Task.WhenAll(chunk.Select(d => InsertAsync(d, cancellationToken)));
        }
    }

    public async Task<Donation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (await Table.FindAsync(id, RowKey, cancellationToken) is not { } e)
        {
            return null;
        }

        var submission = JsonSerializer.Deserialize<DonationSubmission>(
                e.GetString("Document") ?? throw new InvalidOperationException($"Donation {id} has no document."), Json.Options)
            ?? throw new InvalidOperationException($"Donation {id} has an empty document.");
        return new Donation(id, submission, e.GetDateTimeOffset("RecordedAt") ?? e.Timestamp ?? default,
            e.GetBoolean("Unsubscribed") ?? false, e.GetDateTimeOffset("BouncedAt"), e.GetString("BounceEvent"));
    }

    public Task SetUnsubscribedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new TableEntity(id, RowKey)
        {
            ["Unsubscribed"] = true,
            ["UnsubscribedAt"] = at,
        };

        // Unconditional merge; a missing donation (404) is an error, as before.
        return StorageAccount.Guard(() => Table.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Merge, cancellationToken));
    }

    public async Task FlagBouncedAsync(string donationId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new TableEntity(donationId, RowKey)
        {
            ["BouncedAt"] = at,
            ["BounceEvent"] = eventType,
        };

        // False (404): an event for a donation that no longer exists; nothing to flag.
        await Table.TryMergeAsync(e, cancellationToken);
    }
}
