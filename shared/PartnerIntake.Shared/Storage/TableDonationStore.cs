using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>Donations table: PartitionKey = donation id, RowKey = "donation". The ledger; bounces and unsubscribes are columns.</summary>
public sealed class TableDonationStore(StorageAccount storage) : IDonationStore, IDonationBounces
{
    private const string RowKey = "donation";

    private CloudTable Table => storage.Table(TableNames.Donations);

    public Task InsertAsync(Donation donation, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(donation.Id, RowKey);
        e.Properties["Document"] = new EntityProperty(JsonSerializer.Serialize(donation.Submission, Json.Options));
        e.Properties["RecordedAt"] = new EntityProperty(donation.RecordedAt);
        e.Properties["Institution"] = new EntityProperty(donation.Submission.Institution.Name);
        e.Properties["Country"] = new EntityProperty(donation.Submission.Institution.Country);
        e.Properties["Unsubscribed"] = new EntityProperty(false);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(e), null, null, cancellationToken));
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
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(id, RowKey), null, null, cancellationToken));
        if (result.Result is not DynamicTableEntity e)
        {
            return null;
        }

        var submission = JsonSerializer.Deserialize<DonationSubmission>(e.Properties["Document"].StringValue, Json.Options)
            ?? throw new InvalidOperationException($"Donation {id} has an empty document.");
        return new Donation(id, submission, e.Prop("RecordedAt")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("Unsubscribed")?.BooleanValue ?? false, e.Prop("BouncedAt")?.DateTimeOffsetValue, e.Prop("BounceEvent")?.StringValue);
    }

    public Task SetUnsubscribedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(id, RowKey) { ETag = "*" };
        e.Properties["Unsubscribed"] = new EntityProperty(true);
        e.Properties["UnsubscribedAt"] = new EntityProperty(at);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(e), null, null, cancellationToken));
    }

    public async Task FlagBouncedAsync(string donationId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(donationId, RowKey) { ETag = "*" };
        e.Properties["BouncedAt"] = new EntityProperty(at);
        e.Properties["BounceEvent"] = new EntityProperty(eventType);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(e), null, null, cancellationToken));
        }
        catch (Microsoft.WindowsAzure.Storage.StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
        {
            // An event for a donation that no longer exists: nothing to flag.
        }
    }
}
