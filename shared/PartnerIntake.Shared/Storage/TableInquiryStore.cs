using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Inquiries table: PartitionKey = reference, RowKey = "inquiry" — every read is a point read.
/// The submission is one JSON document; progress fields are columns so that a status update
/// never rewrites (or needs to parse) the document.
/// </summary>
public sealed class TableInquiryStore(StorageAccount storage) : IInquiryStore
{
    private const string RowKey = "inquiry";

    private CloudTable Table => storage.Table(TableNames.Inquiries);

    public async Task InsertAsync(Inquiry inquiry, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(inquiry.Reference, RowKey);
        entity.Properties["Document"] = new EntityProperty(JsonSerializer.Serialize(inquiry.Submission, Json.Options));
        entity.Properties["Status"] = new EntityProperty(inquiry.Status);
        entity.Properties["ReceivedAt"] = new EntityProperty(inquiry.ReceivedAt);
        entity.Properties["Country"] = new EntityProperty(inquiry.Submission.Organization.Country);
        entity.Properties["Topics"] = new EntityProperty(string.Join(',', inquiry.Submission.Topics));
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(entity), null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            // References are 80 random bits: a conflict means the SDK retried an insert whose first
            // attempt landed but whose answer was lost. The row is ours.
        }
    }

    public async Task<Inquiry?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var entity = await ReadAsync(reference, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        InquirySubmission submission;
        try
        {
            submission = JsonSerializer.Deserialize<InquirySubmission>(String(entity, "Document") ?? "", Json.Options)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new InquiryUnreadableException(reference, ex);
        }

        var progress = ToProgress(entity);
        return new Inquiry(reference, submission, progress.Status, progress.ReceivedAt, progress.RoutedAt,
            progress.Assignee, progress.Explanation, progress.FailedAt);
    }

    public async Task<InquiryProgress?> GetProgressAsync(string reference, CancellationToken cancellationToken)
    {
        var entity = await ReadAsync(reference, cancellationToken);
        return entity is null ? null : ToProgress(entity);
    }

    public async Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Delete(new DynamicTableEntity(reference, RowKey) { ETag = "*" }), null, null, cancellationToken));
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
        {
            // Already gone.
        }
    }

    public Task MarkRoutedAsync(string reference, AssigneeSummary assignee, string explanation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(reference, RowKey) { ETag = "*" };
        entity.Properties["Status"] = new EntityProperty(InquiryStatus.Routed);
        entity.Properties["RoutedAt"] = new EntityProperty(at);
        entity.Properties["AssigneeId"] = new EntityProperty(assignee.Id);
        entity.Properties["AssigneeName"] = new EntityProperty(assignee.Name);
        entity.Properties["AssigneeKind"] = new EntityProperty(assignee.Kind);
        entity.Properties["Explanation"] = new EntityProperty(explanation);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
    }

    public Task MarkAcceptedAsync(string reference, AssigneeSummary assignee, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(reference, RowKey) { ETag = "*" };
        entity.Properties["Status"] = new EntityProperty(InquiryStatus.Accepted);
        entity.Properties["AcceptedAt"] = new EntityProperty(at);
        entity.Properties["AssigneeId"] = new EntityProperty(assignee.Id);
        entity.Properties["AssigneeName"] = new EntityProperty(assignee.Name);
        entity.Properties["AssigneeKind"] = new EntityProperty(assignee.Kind);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
    }

    public Task MarkFailedAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(reference, RowKey) { ETag = "*" };
        entity.Properties["Status"] = new EntityProperty(InquiryStatus.Failed);
        entity.Properties["FailedAt"] = new EntityProperty(at);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
    }

    public async IAsyncEnumerable<Inquiry> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, RowKey));
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            foreach (var entity in segment.Results)
            {
                InquirySubmission? submission = null;
                try
                {
                    submission = JsonSerializer.Deserialize<InquirySubmission>(String(entity, "Document") ?? "", Json.Options);
                }
                catch (JsonException)
                {
                    // Unreadable documents are reported by RouteInquiry (status failed), not here.
                }

                if (submission is not null)
                {
                    var p = ToProgress(entity);
                    yield return new Inquiry(entity.PartitionKey, submission, p.Status, p.ReceivedAt, p.RoutedAt, p.Assignee, p.Explanation, p.FailedAt);
                }
            }

            token = segment.ContinuationToken;
        }
        while (token is not null);
    }

    private async Task<DynamicTableEntity?> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() =>
            Table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(reference, RowKey), null, null, cancellationToken));
        return result.Result as DynamicTableEntity;
    }

    private static InquiryProgress ToProgress(DynamicTableEntity entity)
    {
        var assigneeId = String(entity, "AssigneeId");
        return new InquiryProgress(
            entity.PartitionKey,
            String(entity, "Status") ?? InquiryStatus.Received,
            Date(entity, "ReceivedAt") ?? entity.Timestamp,
            Date(entity, "RoutedAt"),
            assigneeId is null ? null : new AssigneeSummary(assigneeId, String(entity, "AssigneeName") ?? assigneeId, String(entity, "AssigneeKind") ?? ""),
            String(entity, "Explanation"),
            Date(entity, "FailedAt"))
        {
            AcceptedAt = Date(entity, "AcceptedAt"),
        };
    }

    internal static string? String(DynamicTableEntity entity, string name) =>
        entity.Properties.TryGetValue(name, out var p) ? p.StringValue : null;

    internal static DateTimeOffset? Date(DynamicTableEntity entity, string name) =>
        entity.Properties.TryGetValue(name, out var p) ? p.DateTimeOffsetValue : null;
}
