using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The dashboard's reads. Admin-only scans: Inquiries, Assignments and Notices are keyed for the app's hot paths
/// (reference, due day), not for time-range reports, so each read is one filtered scan (filter evaluated by the
/// service, only the needed columns returned), stopped at <see cref="IDashboardSource.MaxRows"/> rows.
/// </summary>
public sealed class TableDashboardSource(StorageAccount storage) : IDashboardSource
{
    public async Task<DashboardFacts> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var inquiries = ReadInquiriesAsync(since, cancellationToken);
        var escalations = ReadEscalationsAsync(since, cancellationToken);
        var notices = ReadNoticesSentAsync(since, cancellationToken);
        var poison = PoisonCountsAsync(storage, cancellationToken);
        await Task.WhenAll(inquiries, escalations, notices, poison);
        return new DashboardFacts((await inquiries).Rows, (await escalations).Rows, (await notices).Rows, await poison)
        {
            Truncated = (await inquiries).Truncated || (await escalations).Truncated || (await notices).Truncated,
        };
    }

    /// <summary>The number of messages in each {queue}-poison (0 when the queue does not exist yet).</summary>
    public static async Task<IReadOnlyList<QueueCount>> PoisonCountsAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var counts = new List<QueueCount>();
        foreach (var queue in QueueNames.All)
        {
            var poison = storage.Queue(QueueNames.Poison(queue));
            try
            {
                await StorageAccount.Guard(() => poison.FetchAttributesAsync(null, null, cancellationToken));
                counts.Add(new QueueCount(poison.Name, poison.ApproximateMessageCount ?? 0));
            }
            catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
            {
                counts.Add(new QueueCount(poison.Name, 0));
            }
        }

        return counts;
    }

    private Task<(List<InquiryFact> Rows, bool Truncated)> ReadInquiriesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, "inquiry"),
            TableOperators.And,
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterConditionForDate("ReceivedAt", QueryComparisons.GreaterThanOrEqual, since),
                TableOperators.Or,
                TableQuery.GenerateFilterConditionForDate("AcceptedAt", QueryComparisons.GreaterThanOrEqual, since)));
        return ScanAsync(TableNames.Inquiries, filter, ["Status", "ReceivedAt", "Country", "Topics", "AssigneeId", "AssigneeKind", "AcceptedAt"],
            e => new InquiryFact(
                e.PartitionKey,
                e.Prop("Status")?.StringValue ?? InquiryStatus.Received,
                e.Prop("ReceivedAt")?.DateTimeOffsetValue ?? e.Timestamp,
                e.Prop("Country")?.StringValue ?? "",
                (e.Prop("Topics")?.StringValue ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                e.Prop("AssigneeId")?.StringValue,
                e.Prop("AssigneeKind")?.StringValue,
                e.Prop("AcceptedAt")?.DateTimeOffsetValue),
            cancellationToken);
    }

    private Task<(List<EscalationFact> Rows, bool Truncated)> ReadEscalationsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("State", QueryComparisons.Equal, Assignment.AssignmentState.Escalated),
            TableOperators.And,
            TableQuery.GenerateFilterConditionForDate("ActedAt", QueryComparisons.GreaterThanOrEqual, since));
        return ScanAsync(TableNames.Assignments, filter, ["AssigneeKind", "ActedAt"],
            e => new EscalationFact(
                e.PartitionKey,
                int.TryParse(e.RowKey, System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : 0,
                e.Prop("AssigneeKind")?.StringValue ?? "",
                e.Prop("ActedAt")?.DateTimeOffsetValue ?? e.Timestamp),
            cancellationToken);
    }

    private Task<(List<DateTimeOffset> Rows, bool Truncated)> ReadNoticesSentAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, NoticeStatus.Sent),
            TableOperators.And,
            TableQuery.GenerateFilterConditionForDate("HandledAt", QueryComparisons.GreaterThanOrEqual, since));
        return ScanAsync(TableNames.Notices, filter, ["HandledAt"], e => e.Prop("HandledAt")?.DateTimeOffsetValue ?? e.Timestamp, cancellationToken);
    }

    private async Task<(List<T> Rows, bool Truncated)> ScanAsync<T>(
        string table, string filter, string[] columns, Func<DynamicTableEntity, T> map, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Select(columns);
        var rows = new List<T>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => storage.Table(table).ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            rows.AddRange(segment.Results.Select(map));
            token = segment.ContinuationToken;
        }
        while (token is not null && rows.Count < IDashboardSource.MaxRows);

        return (rows, token is not null);
    }
}
