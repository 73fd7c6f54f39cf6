using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The dashboard's reads. Admin-only scans: Inquiries (inquiry rows, RowKey "inquiry", and their assignment rows,
/// RowKey "assignment|001"…) and Notices are keyed for the app's hot paths (reference, due day), not for time-range
/// reports, so each read is one filtered scan (filter evaluated by the service, only the needed columns returned),
/// read page by page and stopped at <see cref="IDashboardSource.MaxRows"/> rows.
/// </summary>
public sealed class TableDashboardSource(StorageAccount storage) : IDashboardSource, IAttentionSource
{
    private const int PageSize = 1000;
    private const string AssignmentPrefix = TableAssignmentStore.RowPrefix;

    // Just past every "assignment|{sequence}" row key ('~' sorts after the digits).
    private const string AssignmentEnd = AssignmentPrefix + "~";

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
                var properties = await StorageAccount.Guard(() => poison.GetPropertiesAsync(cancellationToken));
                counts.Add(new QueueCount(poison.Name, properties.Value.ApproximateMessagesCount));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                counts.Add(new QueueCount(poison.Name, 0));
            }
        }

        return counts;
    }

    private Task<(List<InquiryFact> Rows, bool Truncated)> ReadInquiriesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableInquiryStore.RowKey} and (ReceivedAt ge {since} or AcceptedAt ge {since})");
        return ScanAsync(TableNames.Inquiries, filter, ["Status", "ReceivedAt", "Country", "Topics", "AssigneeId", "AssigneeKind", "AcceptedAt"],
            e => new InquiryFact(
                e.PartitionKey,
                e.GetString("Status") ?? InquiryStatus.Received,
                e.GetDateTimeOffset("ReceivedAt") ?? e.Timestamp ?? default,
                e.GetString("Country") ?? "",
                (e.GetString("Topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                e.GetString("AssigneeId"),
                e.GetString("AssigneeKind"),
                e.GetDateTimeOffset("AcceptedAt")),
            cancellationToken);
    }

    private Task<(List<EscalationFact> Rows, bool Truncated)> ReadEscalationsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {AssignmentPrefix} and RowKey lt {AssignmentEnd} and State eq {Assignment.AssignmentState.Escalated} and ActedAt ge {since}");
        return ScanAsync(TableNames.Inquiries, filter, ["AssigneeKind", "ActedAt"],
            e => new EscalationFact(
                e.PartitionKey,
                int.TryParse(e.RowKey.AsSpan(AssignmentPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0,
                e.GetString("AssigneeKind") ?? "",
                e.GetDateTimeOffset("ActedAt") ?? e.Timestamp ?? default),
            cancellationToken);
    }

    private Task<(List<DateTimeOffset> Rows, bool Truncated)> ReadNoticesSentAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {NoticeStatus.Sent} and HandledAt ge {since}");
        return ScanAsync(TableNames.Notices, filter, ["HandledAt"], e => e.GetDateTimeOffset("HandledAt") ?? e.Timestamp ?? default, cancellationToken);
    }

    /// <summary>
    /// One filtered scan of Inquiries for the inquiry rows (status), the assignment rows (state, SLA) and the mail rows
    /// (send state, error, delivery status) — the audit rows are left out by the filter — grouped by reference.
    /// </summary>
    public async Task<(IReadOnlyList<AttentionRow> Rows, bool Truncated)> ReadAttentionAsync(CancellationToken cancellationToken)
    {
        const string mailPrefix = TableMailOutbox.RowPrefix;
        const string mailEnd = mailPrefix + "~";
        var filter = TableClient.CreateQueryFilter(
            $"RowKey eq {TableInquiryStore.RowKey} or (RowKey ge {AssignmentPrefix} and RowKey lt {AssignmentEnd}) or (RowKey ge {mailPrefix} and RowKey lt {mailEnd})");
        var (rows, truncated) = await ScanAsync(TableNames.Inquiries, filter,
            ["Status", "State", "EscalationDueAt", "LastError", "DeliveryStatus"], e => e, cancellationToken);
        var result = rows.GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .Where(g => g.Any(e => e.RowKey == TableInquiryStore.RowKey))
            .Select(g =>
            {
                var latest = g.Where(e => e.RowKey.StartsWith(AssignmentPrefix, StringComparison.Ordinal))
                    .MaxBy(e => e.RowKey, StringComparer.Ordinal);
                var mails = g.Where(e => e.RowKey.StartsWith(mailPrefix, StringComparison.Ordinal)).ToList();
                return new AttentionRow(
                    g.Key,
                    g.First(e => e.RowKey == TableInquiryStore.RowKey).GetString("Status") ?? InquiryStatus.Received,
                    latest?.GetString("State"),
                    latest?.GetDateTimeOffset("EscalationDueAt"),
                    mails.Count(m => AttentionQuery.IsFailedMail(m.GetString("State"), m.GetString("LastError"))),
                    mails.Count(m => AttentionQuery.IsBounced(m.GetString("DeliveryStatus"))));
            })
            .ToList();
        return (result, truncated);
    }

    private async Task<(List<T> Rows, bool Truncated)> ScanAsync<T>(
        string table, string filter, string[] columns, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        // The SDK sends $select as given (the old one added the keys and Timestamp): ask for them.
        string[] select = ["PartitionKey", "RowKey", "Timestamp", .. columns];
        var rows = new List<T>();
        string? token = null;
        do
        {
            var (page, next) = await storage.Table(table).QueryPageAsync(filter, PageSize, token, cancellationToken, select);
            rows.AddRange(page.Select(map));
            token = next;
        }
        while (token is not null && rows.Count < IDashboardSource.MaxRows);

        return (rows, token is not null);
    }
}
