using System.Globalization;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// OperatorActions table: PartitionKey = scope (e.g. <c>poison:inquiries</c>), RowKey = inverted ticks + subject, so a
/// partition reads newest first. Insert only. Detail holds the message body (queue messages carry ids, not documents).
/// </summary>
public sealed class TableOperatorAudit(StorageAccount storage) : IOperatorAudit
{
    private const int MaxDetail = 30_000;

    private CloudTable Table => storage.Table(TableNames.OperatorActions);

    public Task AppendAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - action.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var e = new DynamicTableEntity(action.Scope, $"{inverted}|{TableMailEvents.Key(action.Subject)}|{Guid.NewGuid():N}");
        e.Properties["At"] = new EntityProperty(action.At);
        e.Properties["Actor"] = new EntityProperty(action.Actor);
        e.Properties["Action"] = new EntityProperty(action.Action);
        e.Properties["Subject"] = new EntityProperty(action.Subject);
        e.Properties["Detail"] = new EntityProperty(action.Detail is { Length: > MaxDetail } d ? d[..MaxDetail] : action.Detail);
        e.Properties["Reason"] = new EntityProperty(action.Reason);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(e), null, null, cancellationToken));
    }

    public async Task<IReadOnlyList<OperatorAction>> ListAsync(string scope, int max, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, scope))
            .Take(Math.Clamp(max, 1, 1000));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Take(max).Select(e => new OperatorAction(
            e.PartitionKey,
            e.Prop("At")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("Actor")?.StringValue ?? "",
            e.Prop("Action")?.StringValue ?? "",
            e.Prop("Subject")?.StringValue ?? "",
            e.Prop("Detail")?.StringValue,
            e.Prop("Reason")?.StringValue)).ToList();
    }
}
