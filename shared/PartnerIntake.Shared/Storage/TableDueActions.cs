using System.Globalization;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// DueActions table: one partition, RowKey = "{due yyyyMMddHHmmss}|{reference}|{sequence}|{kind}", so
/// "what is due" is a single range query whose cost follows the number of due rows, not of open assignments.
/// </summary>
public sealed class TableDueActions(StorageAccount storage) : IDueActions
{
    private const string Partition = "assignment";

    private CloudTable Table => storage.Table(TableNames.DueActions);

    public Task ScheduleAsync(DueAction action, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(Partition, RowKey(action));
        e.Properties["DueAt"] = new EntityProperty(action.DueAt);
        e.Properties["Reference"] = new EntityProperty(action.Reference);
        e.Properties["Sequence"] = new EntityProperty(action.Sequence);
        e.Properties["Kind"] = new EntityProperty(action.Kind);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.InsertOrReplace(e), null, null, cancellationToken));
    }

    public async Task<IReadOnlyList<DueAction>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, Stamp(now) + "|~"));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Take(Math.Min(max, 1000));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(e => new DueAction(
            e.Properties["DueAt"].DateTimeOffsetValue ?? now,
            e.Properties["Reference"].StringValue,
            e.Properties["Sequence"].Int32Value ?? 1,
            e.Properties["Kind"].StringValue)).ToList();
    }

    public async Task CompleteAsync(DueAction action, CancellationToken cancellationToken)
    {
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Delete(new DynamicTableEntity(Partition, RowKey(action)) { ETag = "*" }), null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
        {
            // Another run completed it.
        }
    }

    private static string RowKey(DueAction a) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stamp(a.DueAt)}|{a.Reference}|{a.Sequence:D3}|{a.Kind}");

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
