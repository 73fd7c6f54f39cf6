using System.Globalization;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's reads of Donations (PartitionKey = donation id, RowKey = "donation") and Notices (PartitionKey = due day
/// yyyyMMdd, RowKey = "{HHmmss}|{donation}|{kind}|{seq}", plus a "checkpoint" partition). Admin-only: the donation list
/// and the sent notices are filtered scans, pending notices one range over day partitions; all bounded.
/// </summary>
public sealed class TableRecognitionQueries(StorageAccount storage) : IRecognitionQueries
{
    private static readonly string[] NoticeColumns = ["DueAt", "DonationId", "Kind", "Sequence", "PeriodStart", "PeriodEnd", "Status", "HandledAt"];

    public async Task<(IReadOnlyList<DonationRow> Rows, bool Truncated)> DonationsAsync(int maxRows, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, "donation"))
            .Select(["RecordedAt", "Institution", "Country", "Unsubscribed", "BouncedAt", "BounceEvent"]);
        var (rows, truncated) = await ScanAsync(TableNames.Donations, query, maxRows, e => new DonationRow(
            e.PartitionKey,
            e.Prop("Institution")?.StringValue ?? "",
            e.Prop("Country")?.StringValue ?? "",
            e.Prop("RecordedAt")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("Unsubscribed")?.BooleanValue ?? false,
            e.Prop("BouncedAt")?.DateTimeOffsetValue,
            e.Prop("BounceEvent")?.StringValue), cancellationToken);
        return (rows, truncated);
    }

    public async Task<IReadOnlyList<NoticeRow>> PendingNoticesAsync(DateOnly dueUpTo, int max, CancellationToken cancellationToken)
    {
        // Day partitions are digits, so "0" .. "{day}" spans every day up to the horizon and leaves out "checkpoint". From "0", not
        // from the checkpoint: the console should show a pending notice even where the schedule believes there is none.
        var filter = TableQuery.CombineFilters(
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, "0"),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThanOrEqual, dueUpTo.ToString("yyyyMMdd", CultureInfo.InvariantCulture))),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, NoticeStatus.Pending));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Select(NoticeColumns);
        var (rows, _) = await ScanAsync(TableNames.Notices, query, max, ToRow, cancellationToken);
        return rows;
    }

    public async Task<(IReadOnlyList<NoticeRow> Rows, bool Truncated)> SentNoticesAsync(DateTimeOffset since, int maxRows, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, NoticeStatus.Sent),
            TableOperators.And,
            TableQuery.GenerateFilterConditionForDate("HandledAt", QueryComparisons.GreaterThanOrEqual, since));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Select(NoticeColumns);
        var (rows, truncated) = await ScanAsync(TableNames.Notices, query, maxRows, ToRow, cancellationToken);
        return (rows, truncated);
    }

    private async Task<(List<T> Rows, bool Truncated)> ScanAsync<T>(
        string table, TableQuery<DynamicTableEntity> query, int maxRows, Func<DynamicTableEntity, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        TableContinuationToken? token = null;
        var more = false;
        do
        {
            var segment = await StorageAccount.Guard(() => storage.Table(table).ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            foreach (var e in segment.Results)
            {
                if (rows.Count == maxRows)
                {
                    more = true;
                    break;
                }

                rows.Add(map(e));
            }

            token = segment.ContinuationToken;
        }
        while (token is not null && !more);

        return (rows, more || token is not null);
    }

    private static NoticeRow ToRow(DynamicTableEntity e) => new(
        new Notice(
            e.Prop("DueAt")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("DonationId")?.StringValue ?? "",
            e.Prop("Kind")?.StringValue ?? "",
            e.Prop("Sequence")?.Int32Value ?? 1,
            Day(e.Prop("PeriodStart")?.StringValue),
            Day(e.Prop("PeriodEnd")?.StringValue))
        {
            Status = e.Prop("Status")?.StringValue ?? NoticeStatus.Pending,
            ETag = e.ETag,
        },
        e.Prop("HandledAt")?.DateTimeOffsetValue);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
