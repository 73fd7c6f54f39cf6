using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Storage;

/// <summary>AuditTrail table: PartitionKey = reference, RowKey = the entry's deterministic key. Insert only.</summary>
public sealed class TableAuditTrail(StorageAccount storage) : IAuditTrail
{
    private CloudTable Table => storage.Table(TableNames.AuditTrail);

    public async Task AppendOnceAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(entry.Reference, entry.Key);
        e.Properties["At"] = new EntityProperty(entry.At);
        e.Properties["Actor"] = new EntityProperty(entry.Actor);
        e.Properties["Action"] = new EntityProperty(entry.Action);
        e.Properties["AssignmentSequence"] = new EntityProperty(entry.AssignmentSequence);
        e.Properties["FromState"] = new EntityProperty(entry.FromState);
        e.Properties["ToState"] = new EntityProperty(entry.ToState);
        e.Properties["Reason"] = new EntityProperty(entry.Reason);
        e.Properties["Source"] = new EntityProperty(entry.Source);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(e), null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            // Recorded already by an earlier attempt: the first record stands.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string reference, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, reference));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(e => new AuditEntry(
            e.PartitionKey,
            e.RowKey,
            e.Prop("At")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("Actor")?.StringValue ?? "",
            e.Prop("Action")?.StringValue ?? "",
            e.Prop("AssignmentSequence")?.Int32Value ?? 0,
            e.Prop("FromState")?.StringValue,
            e.Prop("ToState")?.StringValue,
            e.Prop("Reason")?.StringValue,
            e.Prop("Source")?.StringValue ?? "")).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
    }
}
