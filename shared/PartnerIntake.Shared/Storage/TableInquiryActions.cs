using Azure.Data.Tables;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's writes and reads for its inquiry actions: the closing columns of the inquiry row (Status "closed",
/// Outcome, ClosedAt, ClosedBy — a merge, so the document and progress columns stay) and full outbox records (point
/// reads at the address <see cref="TableMailOutbox.Address"/> gives).
/// </summary>
public sealed class TableInquiryActions(StorageAccount storage) : IInquiryClosures, IStoredMails
{
    private static readonly string[] ClosureColumns = ["Outcome", "ClosedAt", "ClosedBy"];

    public Task CloseAsync(string reference, InquiryClosure closure, CancellationToken cancellationToken) =>
        storage.Table(TableNames.Inquiries).TryMergeAsync(new TableEntity(reference, TableInquiryStore.RowKey)
        {
            ["Status"] = InquiryStatus.Closed,
            ["Outcome"] = closure.Outcome,
            ["ClosedAt"] = closure.ClosedAt,
            ["ClosedBy"] = closure.ClosedBy,
        }, cancellationToken);

    public async Task<InquiryClosure?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await storage.Table(TableNames.Inquiries).FindAsync(reference, TableInquiryStore.RowKey, cancellationToken, ClosureColumns);
        return row?.GetString("Outcome") is { } outcome
            ? new InquiryClosure(outcome, row.GetDateTimeOffset("ClosedAt") ?? default, row.GetString("ClosedBy") ?? "")
            : null;
    }

    async Task<OutboundMail?> IStoredMails.GetAsync(string outboxId, CancellationToken cancellationToken)
    {
        var (table, pk, rk) = TableMailOutbox.Address(outboxId);
        var row = await storage.Table(table).FindAsync(pk, rk, cancellationToken);
        return row is null ? null : TableMailOutbox.FromEntity(row).Mail;
    }
}
