using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Scans the inquiry rows once, <see cref="PagesPerRun"/> pages of 1000 per run, resuming from the continuation kept in
/// RetentionDue's row "~backfill"/"inquiries" (a partition after every due day, so never read as due). Rows with a
/// consent record were filed when they were submitted and are skipped; filing again is harmless anyway (the same entry,
/// or one that a run drops as stale).
/// </summary>
public sealed class TableRetentionBackfill(StorageAccount storage, IRetentionIndex index) : IRetentionBackfill
{
    public const int PagesPerRun = 5;
    private const string MarkerPartition = "~backfill";
    private const string MarkerRow = "inquiries";

    private static readonly string[] Columns = ["PartitionKey", "Status", "ReceivedAt", "ClosedAt", "ConsentVersion"];

    public async Task<int> RunAsync(int retentionMonths, CancellationToken cancellationToken)
    {
        var marker = storage.Table(TableNames.RetentionDue);
        var state = await marker.FindAsync(MarkerPartition, MarkerRow, cancellationToken);
        if (state?.GetBoolean("Done") == true)
        {
            return 0;
        }

        var continuation = state?.GetString("Continuation");
        var filed = 0;
        for (var page = 0; page < PagesPerRun; page++)
        {
            var (rows, next) = await storage.Table(TableNames.Inquiries).QueryPageAsync(
                TableClient.CreateQueryFilter($"RowKey eq {TableInquiryStore.RowKey}"), 1000, continuation, cancellationToken, Columns);
            foreach (var row in rows.Where(r => r.GetString("ConsentVersion") is null && r.GetString("Status") != InquiryStatus.Accepted))
            {
                var from = row.GetString("Status") == InquiryStatus.Closed ? row.GetDateTimeOffset("ClosedAt") : null;
                if ((from ?? row.GetDateTimeOffset("ReceivedAt")) is { } start)
                {
                    await index.AddAsync(RetentionKind.Inquiry, row.PartitionKey, start.AddMonths(retentionMonths), cancellationToken);
                    filed++;
                }
            }

            continuation = next;
            if (continuation is null)
            {
                break;
            }
        }

        await marker.UpsertAsync(new TableEntity(MarkerPartition, MarkerRow)
        {
            ["Done"] = continuation is null,
            ["Continuation"] = continuation,
        }, TableUpdateMode.Replace, cancellationToken);
        return filed;
    }
}
