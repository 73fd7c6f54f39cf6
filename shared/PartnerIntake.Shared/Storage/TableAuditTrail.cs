using Azure.Data.Tables;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Storage;

/// <summary>Audit entries: rows of the inquiry's partition in Inquiries, RowKey = "audit|" + the entry's deterministic key. Insert only.</summary>
public sealed class TableAuditTrail(StorageAccount storage) : IAuditTrail
{
    public const string RowPrefix = "audit|";

    private TableClient Table => storage.Table(TableNames.Inquiries);

    // A conflict means an earlier attempt recorded it already: the first record stands.
    public Task AppendOnceAsync(AuditEntry entry, CancellationToken cancellationToken) => Table.TryAddAsync(ToEntity(entry), cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string reference, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {reference} and RowKey ge {RowPrefix} and RowKey lt {RowPrefix + "~"}"), cancellationToken);
        return rows.Select(e => new AuditEntry(
            e.PartitionKey,
            e.RowKey[RowPrefix.Length..],
            e.GetDateTimeOffset("At") ?? e.Timestamp ?? DateTimeOffset.MinValue,
            e.GetString("Actor") ?? "",
            e.GetString("Action") ?? "",
            e.GetInt32("AssignmentSequence") ?? 0,
            e.GetString("FromState"),
            e.GetString("ToState"),
            e.GetString("Reason"),
            e.GetString("Source") ?? "")).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
    }

    public static TableEntity ToEntity(AuditEntry entry) =>
        new TableEntity(entry.Reference, RowPrefix + entry.Key)
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["AssignmentSequence"] = entry.AssignmentSequence,
            ["Source"] = entry.Source,
        }
        .With("FromState", entry.FromState)
        .With("ToState", entry.ToState)
        .With("Reason", entry.Reason);
}
