using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Storage;

/// <summary>Assignments: rows of the inquiry's partition in Inquiries, RowKey = "assignment|001", "assignment|002", ….</summary>
public sealed class TableAssignmentStore(StorageAccount storage) : IAssignmentStore
{
    public const string RowPrefix = "assignment|";

    private TableClient Table => storage.Table(TableNames.Inquiries);

    public async Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken) =>
        await Table.FindAsync(reference, RowKey(sequence), cancellationToken) is { } entity ? FromEntity(entity) : null;

    public async Task<IReadOnlyList<InquiryAssignment>> ListAsync(string reference, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {reference} and RowKey ge {RowPrefix} and RowKey lt {RowPrefix + "~"}"), cancellationToken);
        return rows.Select(FromEntity).OrderBy(a => a.Sequence).ToList();
    }

    public async Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken) =>
        await Table.TryAddAsync(ToEntity(assignment), cancellationToken) is { } etag
            ? assignment with { ETag = etag.ToString() }
            : await GetAsync(assignment.Reference, assignment.Sequence, cancellationToken)
                ?? throw new InvalidOperationException("Assignment vanished after a conflict.");

    public Task<bool> TryTransitionAsync(
        InquiryAssignment assignment, string state, DateTimeOffset at, string actedBy, string? reason, string? handedTo, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(assignment.Reference, RowKey(assignment.Sequence)) { ["State"] = state, ["ActedAt"] = at, ["ActedBy"] = actedBy }
            .With("Reason", reason)
            .With("HandedTo", handedTo);
        return Table.TryUpdateAsync(entity, new ETag(assignment.ETag), TableUpdateMode.Merge, cancellationToken);
    }

    public Task<bool> TryMarkRemindedAsync(InquiryAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.TryUpdateAsync(new TableEntity(assignment.Reference, RowKey(assignment.Sequence)) { ["RemindedAt"] = at },
            new ETag(assignment.ETag), TableUpdateMode.Merge, cancellationToken);

    public static string RowKey(int sequence) => RowPrefix + sequence.ToString("D3", CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(InquiryAssignment a) =>
        new TableEntity(a.Reference, RowKey(a.Sequence))
        {
            ["AssigneeId"] = a.Assignee.Id,
            ["AssigneeName"] = a.Assignee.Name,
            ["AssigneeKind"] = a.Assignee.Kind,
            ["AssigneeContact"] = a.AssigneeContact,
            ["AckSlaDays"] = a.AckSlaDays,
            ["State"] = a.State,
            ["CreatedAt"] = a.CreatedAt,
            ["Decision"] = JsonSerializer.Serialize(a.Decision, Json.Options),
        }
        .With("ReminderDueAt", a.ReminderDueAt)
        .With("EscalationDueAt", a.EscalationDueAt)
        .With("HandedOnBecause", a.HandedOnBecause);

    public static InquiryAssignment FromEntity(TableEntity e) => new(
        e.PartitionKey,
        int.Parse(e.RowKey.AsSpan(RowPrefix.Length), CultureInfo.InvariantCulture),
        new EntityRef(e.GetString("AssigneeId"), e.GetString("AssigneeName"), e.GetString("AssigneeKind")),
        e.GetString("AssigneeContact"),
        e.GetInt32("AckSlaDays") ?? 5,
        e.GetString("State"),
        e.GetDateTimeOffset("CreatedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        JsonSerializer.Deserialize<RoutingDecision>(e.GetString("Decision"), Json.Options)
            ?? throw new InvalidOperationException("Stored decision is empty."))
    {
        ReminderDueAt = e.GetDateTimeOffset("ReminderDueAt"),
        EscalationDueAt = e.GetDateTimeOffset("EscalationDueAt"),
        RemindedAt = e.GetDateTimeOffset("RemindedAt"),
        ActedAt = e.GetDateTimeOffset("ActedAt"),
        ActedBy = e.GetString("ActedBy"),
        Reason = e.GetString("Reason"),
        HandedOnBecause = e.GetString("HandedOnBecause"),
        HandedTo = e.GetString("HandedTo"),
        ETag = e.ETag.ToString(),
    };
}
