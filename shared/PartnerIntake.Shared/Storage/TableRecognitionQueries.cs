using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's reads of Donations (PartitionKey = donation id, RowKey = "donation") and Notices (PartitionKey = due day
/// yyyyMMdd, RowKey = "{HHmmss}|{donation}|{kind}|{seq}", plus a "checkpoint" partition). Admin-only: the donation list
/// and the sent notices are filtered scans, pending notices one range over day partitions; all bounded and read page by page.
/// </summary>
public sealed class TableRecognitionQueries(StorageAccount storage) : IRecognitionQueries
{
    private const int PageSize = 1000;
    private const string DonationRowKey = "donation";
    private const string FirstDay = "0";

    private static readonly string[] DonationColumns = ["RecordedAt", "Institution", "Country", "Unsubscribed", "BouncedAt", "BounceEvent"];

    private static readonly string[] NoticeColumns = ["DueAt", "DonationId", "Kind", "Sequence", "PeriodStart", "PeriodEnd", "Status", "HandledAt"];

    public async Task<(IReadOnlyList<DonationRow> Rows, bool Truncated)> DonationsAsync(int maxRows, CancellationToken cancellationToken)
    {
        var (rows, truncated) = await ScanAsync(
            TableNames.Donations,
            TableClient.CreateQueryFilter($"RowKey eq {DonationRowKey}"),
            DonationColumns,
            maxRows,
            ToDonationRow,
            cancellationToken);
        return (rows, truncated);
    }

    public async Task<IReadOnlyList<DonationRow>> DonationsForInquiryAsync(string reference, int max, CancellationToken cancellationToken)
    {
        // A filtered scan like the donation list (admin-only, one inquiry page at a time). Donations recorded before the
        // InquiryReference column was written have no such column and are not found here (their document still has it).
        var (rows, _) = await ScanAsync(
            TableNames.Donations,
            TableClient.CreateQueryFilter($"RowKey eq {DonationRowKey} and InquiryReference eq {reference}"),
            DonationColumns,
            max,
            ToDonationRow,
            cancellationToken);
        return rows;
    }

    public async Task<IReadOnlyList<NoticeRow>> PendingNoticesAsync(DateOnly dueUpTo, int max, CancellationToken cancellationToken)
    {
        // Day partitions are digits, so "0" .. "{day}" spans every day up to the horizon and leaves out "checkpoint". From "0", not
        // from the checkpoint: the console should show a pending notice even where the schedule believes there is none.
        var lastDay = dueUpTo.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {FirstDay} and PartitionKey le {lastDay} and Status eq {NoticeStatus.Pending}");
        var (rows, _) = await ScanAsync(TableNames.Notices, filter, NoticeColumns, max, ToRow, cancellationToken);
        return rows;
    }

    public async Task<(IReadOnlyList<NoticeRow> Rows, bool Truncated)> SentNoticesAsync(DateTimeOffset since, int maxRows, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {NoticeStatus.Sent} and HandledAt ge {since}");
        var (rows, truncated) = await ScanAsync(TableNames.Notices, filter, NoticeColumns, maxRows, ToRow, cancellationToken);
        return (rows, truncated);
    }

    private async Task<(List<T> Rows, bool Truncated)> ScanAsync<T>(
        string table, string filter, string[] columns, int maxRows, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        // The SDK sends $select as given (the old one added the keys and Timestamp): ask for them.
        string[] select = ["PartitionKey", "RowKey", "Timestamp", .. columns];
        var rows = new List<T>();
        string? token = null;
        var more = false;
        do
        {
            var (page, next) = await storage.Table(table).QueryPageAsync(filter, PageSize, token, cancellationToken, select);
            foreach (var e in page)
            {
                if (rows.Count == maxRows)
                {
                    more = true;
                    break;
                }

                rows.Add(map(e));
            }

            token = next;
        }
        while (token is not null && !more);

        return (rows, more || token is not null);
    }

    private static DonationRow ToDonationRow(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Institution") ?? "",
        e.GetString("Country") ?? "",
        e.GetDateTimeOffset("RecordedAt") ?? e.Timestamp ?? default,
        e.GetBoolean("Unsubscribed") ?? false,
        e.GetDateTimeOffset("BouncedAt"),
        e.GetString("BounceEvent"));

    private static NoticeRow ToRow(TableEntity e) => new(TableNoticeStore.FromEntity(e), e.GetDateTimeOffset("HandledAt"));
}
