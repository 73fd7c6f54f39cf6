using System.Globalization;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Notices table: PartitionKey = due day (yyyyMMdd), RowKey = "{HHmmss}|{donation}|{kind}|{seq}". A run makes
/// one range query over the day partitions from the checkpoint (the earliest day that may still hold pending
/// notices, normally today) to now, pending rows only: its reads follow what is due, not how many donations exist.
/// </summary>
public sealed class TableNoticeStore(StorageAccount storage, TimeProvider time) : INoticeStore
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
        // A notice that is already due (a back-dated donation, the next report of a late series) must be seen
        // by the next run: move the checkpoint back to its day. Rewriting it even when the day stays the same
        // changes its ETag, so a run in progress cannot advance the checkpoint past this notice.
        var dueDay = DateOnly.FromDateTime(notice.DueAt.UtcDateTime);
        var checkpoint = (await CheckpointAsync(cancellationToken)).Day;
        if (checkpoint is null || dueDay < checkpoint || dueDay <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            await SetCheckpointAsync(checkpoint is { } c && c < dueDay ? c : dueDay, cancellationToken);
        }
    }

    public async Task<(IReadOnlyList<Notice> Notices, string? CheckpointETag)> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var today = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var (checkpoint, etag) = await CheckpointAsync(cancellationToken);
        var from = (checkpoint ?? DateOnly.FromDateTime(now.UtcDateTime)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var pending = TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, NoticeStatus.Pending);

        // One range query: whole earlier day partitions from the checkpoint, and today's up to now.
        var earlierDays = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, from),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, today));
        var todaySoFar = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, today),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, now.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "|~"));
        var filter = TableQuery.CombineFilters(
            TableQuery.CombineFilters(earlierDays, TableOperators.Or, todaySoFar), TableOperators.And, pending);

        var due = new List<Notice>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(
                new TableQuery<DynamicTableEntity>().Where(filter).Take(Math.Min(1000, max - due.Count)), token, null, null, cancellationToken));
            due.AddRange(segment.Results.Select(FromEntity));
            token = due.Count < max ? segment.ContinuationToken : null;
        }
        while (token is not null);

        return (due, etag);
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

    public async Task AdvanceCheckpointAsync(DateOnly day, string? checkpointETag, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(CheckpointPartition, "earliest") { ETag = checkpointETag ?? "" };
        e.Properties["Day"] = new EntityProperty(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        try
        {
            // Conditional: a notice scheduled into the past during the run moved the checkpoint back; keep that.
            var operation = checkpointETag is null ? TableOperation.Insert(e) : TableOperation.Replace(e);
            await StorageAccount.Guard(() => Table.ExecuteAsync(operation, null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) is 409 or 412)
        {
        }
    }

    public async Task<IReadOnlyList<Notice>> ForDonationAsync(string donationId, CancellationToken cancellationToken)
    {
        // Admin view only: scans. The schedule itself never needs this query.
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("DonationId", QueryComparisons.Equal, donationId));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(FromEntity).OrderBy(n => n.DueAt).ToList();
    }

    private async Task<(DateOnly? Day, string? ETag)> CheckpointAsync(CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(
            TableOperation.Retrieve<DynamicTableEntity>(CheckpointPartition, "earliest"), null, null, cancellationToken));
        return result.Result is DynamicTableEntity e && e.Prop("Day")?.StringValue is { } text
            ? (DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.ETag)
            : (null, null);
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
