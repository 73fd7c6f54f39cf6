using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>IdempotencyKeys table: PartitionKey = SHA-256 of the key, RowKey = "key". Insert wins; a conflict reads the winner.</summary>
public sealed class TableIdempotencyStore(StorageAccount storage) : IIdempotencyStore
{
    private TableClient Table => storage.Table(TableNames.IdempotencyKeys);

    public async Task<(string Reference, string BodyHash)> ClaimAsync(IdempotencyClaim claim, string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new TableEntity(claim.KeyHash, "key")
        {
            ["Reference"] = reference,
            ["BodyHash"] = claim.BodyHash,
            ["CreatedAt"] = at,
        };
        if (await Table.TryAddAsync(row, cancellationToken) is not null)
        {
            return (reference, claim.BodyHash);
        }

        // 409: another request claimed the key first; its reference wins.
        var existing = await Table.FindAsync(claim.KeyHash, "key", cancellationToken, ["Reference", "BodyHash"])
            ?? throw new InvalidOperationException("Idempotency key vanished after a conflict.");
        return (existing.GetString("Reference") ?? "", existing.GetString("BodyHash") ?? "");
    }
}
