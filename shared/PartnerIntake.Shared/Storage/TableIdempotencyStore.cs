using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>IdempotencyKeys table: PartitionKey = SHA-256 of the key, RowKey = "key". Insert wins; a conflict reads the winner.</summary>
public sealed class TableIdempotencyStore(StorageAccount storage) : IIdempotencyStore
{
    private CloudTable Table => storage.Table(TableNames.IdempotencyKeys);

    public async Task<(string Reference, string BodyHash)> ClaimAsync(IdempotencyClaim claim, string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(claim.KeyHash, "key");
        row.Properties["Reference"] = new EntityProperty(reference);
        row.Properties["BodyHash"] = new EntityProperty(claim.BodyHash);
        row.Properties["CreatedAt"] = new EntityProperty(at);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(row), null, null, cancellationToken));
            return (reference, claim.BodyHash);
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            var existing = await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Retrieve<DynamicTableEntity>(claim.KeyHash, "key"), null, null, cancellationToken));
            var e = (DynamicTableEntity)existing.Result;
            return (e.Properties["Reference"].StringValue, e.Properties["BodyHash"].StringValue);
        }
    }
}
