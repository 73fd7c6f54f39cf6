using System.Text.Json;
using Azure.Data.Tables;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The inquiry row of an inquiry's partition in Inquiries: PartitionKey = reference, RowKey = "inquiry" — every read
/// is a point read. The submission is one JSON document; progress fields are columns so that a status update never
/// rewrites (or needs to parse) the document. The partition's other rows are its assignments, audit entries and mails.
/// </summary>
public sealed class TableInquiryStore(StorageAccount storage) : IInquiryStore
{
    public const string RowKey = "inquiry";

    private TableClient Table => storage.Table(TableNames.Inquiries);

    public async Task InsertAsync(Inquiry inquiry, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(inquiry.Reference, RowKey)
        {
            ["Document"] = JsonSerializer.Serialize(inquiry.Submission, Json.Options),
            ["Status"] = inquiry.Status,
            ["ReceivedAt"] = inquiry.ReceivedAt,
            ["Country"] = inquiry.Submission.Organization.Country,
            ["Topics"] = string.Join(',', inquiry.Submission.Topics),
            ["ConsentVersion"] = inquiry.Consent?.Version,
            ["ConsentAt"] = inquiry.Consent?.At,
        };

        // A conflict means the SDK retried an insert whose first attempt landed but whose answer was lost
        // (references are 80 random bits): the row is ours.
        await Table.TryAddAsync(entity, cancellationToken);
    }

    public async Task<Inquiry?> GetAsync(string reference, CancellationToken cancellationToken) =>
        await Table.FindAsync(reference, RowKey, cancellationToken) is { } entity ? ToInquiry(entity) : null;

    public async Task<InquiryProgress?> GetProgressAsync(string reference, CancellationToken cancellationToken)
    {
        var entity = await Table.FindAsync(reference, RowKey, cancellationToken, ProgressColumns);
        return entity is null ? null : ToProgress(entity);
    }

    public Task DeleteAsync(string reference, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(reference, RowKey, cancellationToken);

    public Task MarkRoutedAsync(string reference, AssigneeSummary assignee, string explanation, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.TryMergeAsync(Routed(reference, assignee, explanation, at), cancellationToken);

    public Task MarkAcceptedAsync(string reference, AssigneeSummary assignee, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.TryMergeAsync(new TableEntity(reference, RowKey)
        {
            ["Status"] = InquiryStatus.Accepted,
            ["AcceptedAt"] = at,
            ["AssigneeId"] = assignee.Id,
            ["AssigneeName"] = assignee.Name,
            ["AssigneeKind"] = assignee.Kind,
        }, cancellationToken);

    public Task MarkFailedAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.TryMergeAsync(new TableEntity(reference, RowKey) { ["Status"] = InquiryStatus.Failed, ["FailedAt"] = at }, cancellationToken);

    public async IAsyncEnumerable<Inquiry> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var (rows, next) = await Table.QueryPageAsync(TableClient.CreateQueryFilter($"RowKey eq {RowKey}"), 1000, continuation, cancellationToken);
            foreach (var entity in rows)
            {
                Inquiry? inquiry = null;
                try
                {
                    inquiry = ToInquiry(entity);
                }
                catch (InquiryUnreadableException)
                {
                    // Unreadable documents are reported by RouteInquiry (status failed), not here.
                }

                if (inquiry is not null)
                {
                    yield return inquiry;
                }
            }

            continuation = next;
        }
        while (continuation is not null);
    }

    /// <summary>The merge that marks an inquiry routed (also a step of routing's transaction).</summary>
    public static TableEntity Routed(string reference, AssigneeSummary assignee, string explanation, DateTimeOffset at) => new(reference, RowKey)
    {
        ["Status"] = Intake.InquiryStatus.Routed,
        ["RoutedAt"] = at,
        ["AssigneeId"] = assignee.Id,
        ["AssigneeName"] = assignee.Name,
        ["AssigneeKind"] = assignee.Kind,
        ["Explanation"] = explanation,
    };

    public static Inquiry ToInquiry(TableEntity entity)
    {
        InquirySubmission submission;
        try
        {
            submission = JsonSerializer.Deserialize<InquirySubmission>(entity.GetString("Document") ?? "", Json.Options)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new InquiryUnreadableException(entity.PartitionKey, ex);
        }

        var p = ToProgress(entity);
        var consent = entity.GetString("ConsentVersion") is { } version && entity.GetDateTimeOffset("ConsentAt") is { } consentAt
            ? new Privacy.ConsentRecord(version, consentAt)
            : null;
        return new Inquiry(entity.PartitionKey, submission, p.Status, p.ReceivedAt, p.RoutedAt, p.Assignee, p.Explanation, p.FailedAt, consent);
    }

    private static readonly string[] ProgressColumns =
        ["PartitionKey", "Timestamp", "Status", "ReceivedAt", "RoutedAt", "AssigneeId", "AssigneeName", "AssigneeKind", "Explanation", "FailedAt", "AcceptedAt"];

    private static InquiryProgress ToProgress(TableEntity entity)
    {
        var assigneeId = entity.GetString("AssigneeId");
        return new InquiryProgress(
            entity.PartitionKey,
            entity.GetString("Status") ?? InquiryStatus.Received,
            entity.GetDateTimeOffset("ReceivedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("RoutedAt"),
            assigneeId is null ? null : new AssigneeSummary(assigneeId, entity.GetString("AssigneeName") ?? assigneeId, entity.GetString("AssigneeKind") ?? ""),
            entity.GetString("Explanation"),
            entity.GetDateTimeOffset("FailedAt"))
        {
            AcceptedAt = entity.GetDateTimeOffset("AcceptedAt"),
        };
    }
}
