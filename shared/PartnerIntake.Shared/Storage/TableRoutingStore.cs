using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Routing's reads and writes of an inquiry's partition in Inquiries: a point read for the snapshot (and, on a
/// redelivery after the commit, a query of its assignment to mail rows), one entity-group
/// transaction for the outcome (the inquiry row's merge is conditional on its ETag, every other row is an insert, so a
/// concurrent or earlier routing makes the whole transaction fail with 412 or 409 and nothing is half-written).
/// </summary>
public sealed class TableRoutingStore(StorageAccount storage) : IRoutingStore
{
    private TableClient Table => storage.Table(TableNames.Inquiries);

    public async Task<RoutingSnapshot?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        // The first delivery, by far the most common, needs only the inquiry row: a point read. Its status says whether
        // routing committed before (the commit marks it routed in the same transaction), and only then is the rest of
        // the partition read.
        var inquiry = await Table.FindAsync(reference, TableInquiryStore.RowKey, cancellationToken);
        if (inquiry is null)
        {
            return null;
        }

        if (inquiry.GetString("Status") is null or InquiryStatus.Received)
        {
            return new RoutingSnapshot(TableInquiryStore.ToInquiry(inquiry), inquiry.ETag.ToString(), [], []);
        }

        var rows = await Table.QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {reference} and RowKey ge {TableAssignmentStore.RowPrefix} and RowKey lt {"n"}"), cancellationToken);
        return new RoutingSnapshot(
            TableInquiryStore.ToInquiry(inquiry),
            inquiry.ETag.ToString(),
            rows.Where(r => r.RowKey.StartsWith(TableAssignmentStore.RowPrefix, StringComparison.Ordinal))
                .Select(TableAssignmentStore.FromEntity).OrderBy(a => a.Sequence).ToList(),
            rows.Where(r => r.RowKey.StartsWith(TableMailOutbox.RowPrefix, StringComparison.Ordinal)).Select(TableMailOutbox.FromEntity).ToList());
    }

    public async Task<IReadOnlyList<OutboxRecord>?> TryCommitAsync(
        RoutingSnapshot snapshot, RoutingOutcome outcome, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        var a = outcome.Assignment;
        var routed = TableInquiryStore.Routed(snapshot.Inquiry.Reference, new AssigneeSummary(a.Assignee.Id, a.Assignee.Name, a.Assignee.Kind),
            a.Decision.Summary, outcome.At);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateMerge, routed, new ETag(snapshot.ETag)),
            new(TableTransactionActionType.Add, TableAssignmentStore.ToEntity(a)),
            new(TableTransactionActionType.Add, TableAuditTrail.ToEntity(outcome.Assigned)),
        };
        actions.AddRange(outcome.Mails.Select(m => new TableTransactionAction(TableTransactionActionType.Add, TableMailOutbox.NewRecord(m, outcome.At, claimUntil, outcome.Attempt))));

        Response<IReadOnlyList<Response>> result;
        try
        {
            result = await StorageAccount.Guard(() => Table.SubmitTransactionAsync(actions, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }

        var responses = result.Value;
        return outcome.Mails.Select((m, i) => new OutboxRecord(m, OutboxState.Sending, claimUntil, 1,
            responses.Count > 3 + i && responses[3 + i].Headers.ETag is { } etag ? etag.ToString() : "*") { ClaimedBy = outcome.Attempt }).ToList();
    }
}
