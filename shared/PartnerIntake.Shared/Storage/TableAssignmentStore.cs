using System.Globalization;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Storage;

/// <summary>Assignments table: PartitionKey = inquiry reference, RowKey = zero-padded sequence (001, 002, …).</summary>
public sealed class TableAssignmentStore(StorageAccount storage) : IAssignmentStore
{
    private CloudTable Table => storage.Table(TableNames.Assignments);

    public async Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(
            TableOperation.Retrieve<DynamicTableEntity>(reference, RowKey(sequence)), null, null, cancellationToken));
        return result.Result is DynamicTableEntity entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<InquiryAssignment>> ListAsync(string reference, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, reference));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(FromEntity).OrderBy(a => a.Sequence).ToList();
    }

    public async Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken)
    {
        try
        {
            var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(ToEntity(assignment)), null, null, cancellationToken));
            return assignment with { ETag = result.Etag };
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            return await GetAsync(assignment.Reference, assignment.Sequence, cancellationToken)
                ?? throw new InvalidOperationException("Assignment vanished after a conflict.", ex);
        }
    }

    public async Task<bool> TryTransitionAsync(
        InquiryAssignment assignment, string state, DateTimeOffset at, string actedBy, string? reason, string? handedTo, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(assignment.Reference, RowKey(assignment.Sequence)) { ETag = assignment.ETag };
        entity.Properties["State"] = new EntityProperty(state);
        entity.Properties["ActedAt"] = new EntityProperty(at);
        entity.Properties["ActedBy"] = new EntityProperty(actedBy);
        entity.Properties["Reason"] = new EntityProperty(reason);
        entity.Properties["HandedTo"] = new EntityProperty(handedTo);
        return await TryMergeAsync(entity, cancellationToken);
    }

    public async Task<bool> TryMarkRemindedAsync(InquiryAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(assignment.Reference, RowKey(assignment.Sequence)) { ETag = assignment.ETag };
        entity.Properties["RemindedAt"] = new EntityProperty(at);
        return await TryMergeAsync(entity, cancellationToken);
    }

    private async Task<bool> TryMergeAsync(DynamicTableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
            return true;
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 412)
        {
            return false;
        }
    }

    private static string RowKey(int sequence) => sequence.ToString("D3", CultureInfo.InvariantCulture);

    private static DynamicTableEntity ToEntity(InquiryAssignment a)
    {
        var e = new DynamicTableEntity(a.Reference, RowKey(a.Sequence));
        e.Properties["AssigneeId"] = new EntityProperty(a.Assignee.Id);
        e.Properties["AssigneeName"] = new EntityProperty(a.Assignee.Name);
        e.Properties["AssigneeKind"] = new EntityProperty(a.Assignee.Kind);
        e.Properties["AssigneeContact"] = new EntityProperty(a.AssigneeContact);
        e.Properties["AckSlaDays"] = new EntityProperty(a.AckSlaDays);
        e.Properties["State"] = new EntityProperty(a.State);
        e.Properties["CreatedAt"] = new EntityProperty(a.CreatedAt);
        e.Properties["ReminderDueAt"] = new EntityProperty(a.ReminderDueAt);
        e.Properties["EscalationDueAt"] = new EntityProperty(a.EscalationDueAt);
        e.Properties["HandedOnBecause"] = new EntityProperty(a.HandedOnBecause);
        e.Properties["Decision"] = new EntityProperty(JsonSerializer.Serialize(a.Decision, Json.Options));
        return e;
    }

    private static InquiryAssignment FromEntity(DynamicTableEntity e) => new(
        e.PartitionKey,
        int.Parse(e.RowKey, CultureInfo.InvariantCulture),
        new EntityRef(e.Properties["AssigneeId"].StringValue, e.Properties["AssigneeName"].StringValue, e.Properties["AssigneeKind"].StringValue),
        e.Properties["AssigneeContact"].StringValue,
        e.Properties["AckSlaDays"].Int32Value ?? 5,
        e.Properties["State"].StringValue,
        e.Properties["CreatedAt"].DateTimeOffsetValue ?? e.Timestamp,
        JsonSerializer.Deserialize<RoutingDecision>(e.Properties["Decision"].StringValue, Json.Options)
            ?? throw new InvalidOperationException("Stored decision is empty."))
    {
        ReminderDueAt = e.Prop("ReminderDueAt")?.DateTimeOffsetValue,
        EscalationDueAt = e.Prop("EscalationDueAt")?.DateTimeOffsetValue,
        RemindedAt = e.Prop("RemindedAt")?.DateTimeOffsetValue,
        ActedAt = e.Prop("ActedAt")?.DateTimeOffsetValue,
        ActedBy = e.Prop("ActedBy")?.StringValue,
        Reason = e.Prop("Reason")?.StringValue,
        HandedOnBecause = e.Prop("HandedOnBecause")?.StringValue,
        HandedTo = e.Prop("HandedTo")?.StringValue,
        ETag = e.ETag,
    };
}
