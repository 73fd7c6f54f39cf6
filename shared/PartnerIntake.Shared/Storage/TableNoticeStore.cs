using System.Globalization;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Notices table: PartitionKey = due day (yyyyMMdd), RowKey = "{HHmmss}|{donation}|{kind}|{seq}". A run reads
/// the partitions from the checkpoint (the earliest day that may still hold pending notices, normally
/// today) to today, pending rows only: its reads follow what is due, not how many donations exist.
/// </summary>
public sealed class TableNoticeStore(StorageAccount storage) : INoticeStore
{
    private const string CheckpointPartition = "checkpoint";

    private CloudTable Table => storage.Table(TableNames.Notices);

    public async Task ScheduleAsync(Notice notice, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(Day(notice.DueAt), RowKey(notice));
        e.Properties["DueAt"] = new EntityProperty(notice.DueAt);
        e.Properties["DonationId"] = new EntityProperty(notice.DonationId);
        e.Properties["Kind"] = new EntityProperty(notice.Kind);
        e.Properties["Sequence"] = new EntityProperty(notice.Sequence);
        e.Properties["PeriodStart"] = new EntityProperty(notice.PeriodStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        e.Properties["PeriodEnd"] = new EntityProperty(notice.PeriodEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        e.Properties["Status"] = new EntityProperty(NoticeStatus.Pending);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(e), null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            return; // scheduled before
        }

        // A notice due before the checkpoint (a back-dated donation) moves the checkpoint back.
        var dueDay = DateOnly.FromDateTime(notice.DueAt.UtcDateTime);
        if (await CheckpointAsync(cancellationToken) is not { } day || dueDay < day)
        {
            await SetCheckpointAsync(dueDay, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Notice>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = await CheckpointAsync(cancellationToken) ?? today;
        var due = new List<Notice>();
        for (var day = from; day <= today && due.Count < max; day = day.AddDays(1))
        {
            var filter = TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, NoticeStatus.Pending));
            if (day == today)
            {
                filter = TableQuery.CombineFilters(filter, TableOperators.And,
                    TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, now.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "|~"));
            }

            TableContinuationToken? token = null;
            do
            {
                var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(
                    new TableQuery<DynamicTableEntity>().Where(filter).Take(Math.Min(1000, max - due.Count)), token, null, null, cancellationToken));
                due.AddRange(segment.Results.Select(FromEntity));
                token = due.Count < max ? segment.ContinuationToken : null;
            }
            while (token is not null);
        }

        return due;
    }

    public async Task<bool> TryMarkAsync(Notice notice, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(Day(notice.DueAt), RowKey(notice)) { ETag = notice.ETag };
        e.Properties["Status"] = new EntityProperty(status);
        e.Properties["HandledAt"] = new EntityProperty(at);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(e), null, null, cancellationToken));
            return true;
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) is 412 or 404)
        {
            return false;
        }
    }

    public Task AdvanceCheckpointAsync(DateOnly day, CancellationToken cancellationToken) => SetCheckpointAsync(day, cancellationToken);

    public async Task<IReadOnlyList<Notice>> ForDonationAsync(string donationId, CancellationToken cancellationToken)
    {
        // Admin view only: scans. The schedule itself never needs this query.
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("DonationId", QueryComparisons.Equal, donationId));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(FromEntity).OrderBy(n => n.DueAt).ToList();
    }

    private async Task<DateOnly?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(
            TableOperation.Retrieve<DynamicTableEntity>(CheckpointPartition, "earliest"), null, null, cancellationToken));
        return result.Result is DynamicTableEntity e && e.Prop("Day")?.StringValue is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private Task SetCheckpointAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(CheckpointPartition, "earliest");
        e.Properties["Day"] = new EntityProperty(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.InsertOrReplace(e), null, null, cancellationToken));
    }

    private static Notice FromEntity(DynamicTableEntity e) => new(
        e.Properties["DueAt"].DateTimeOffsetValue ?? e.Timestamp,
        e.Properties["DonationId"].StringValue,
        e.Properties["Kind"].StringValue,
        e.Properties["Sequence"].Int32Value ?? 1,
        Date(e.Prop("PeriodStart")?.StringValue),
        Date(e.Prop("PeriodEnd")?.StringValue))
    {
        Status = e.Prop("Status")?.StringValue ?? NoticeStatus.Pending,
        ETag = e.ETag,
    };

    private static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string RowKey(Notice n) =>
        string.Create(CultureInfo.InvariantCulture, $"{n.DueAt.UtcDateTime:HHmmss}|{n.DonationId}|{n.Kind}|{n.Sequence:D3}");
}
