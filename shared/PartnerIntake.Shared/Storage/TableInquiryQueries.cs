using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's list query over the Inquiries table (PartitionKey = reference, RowKey = "inquiry"). An admin-only scan:
/// the filter's status, country, assignee and date range go to the service as an OData filter built with
/// TableQuery.Generate* (never by interpolating input); only the columns a list needs are read (the document only for
/// exports); topic, a comma-separated column, is matched here. Stops after <c>maxRows</c> matches.
/// </summary>
public sealed class TableInquiryQueries(StorageAccount storage) : IInquiryQueries
{
    private static readonly string[] ListColumns =
        ["Status", "ReceivedAt", "Country", "Topics", "AssigneeId", "AssigneeName", "AssigneeKind", "RoutedAt", "AcceptedAt", "FailedAt"];

    public async Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(
        InquiryFilter filter, bool withSubmissions, int maxRows, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(Filter(filter))
            .Select(withSubmissions ? [.. ListColumns, "Document"] : ListColumns);
        var rows = new List<InquiryRow>();
        var more = false;
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => storage.Table(TableNames.Inquiries).ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            foreach (var entity in segment.Results)
            {
                var row = ToRow(entity, withSubmissions);
                if (filter.Matches(row))
                {
                    if (rows.Count == maxRows)
                    {
                        more = true;
                        break;
                    }

                    rows.Add(row);
                }
            }

            token = segment.ContinuationToken;
        }
        while (token is not null && !more);

        // Rows left unread may or may not match: a continuation after a full list counts as truncated.
        return (rows, more || token is not null);
    }

    internal static string Filter(InquiryFilter filter)
    {
        var conditions = new List<string> { TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, "inquiry") };
        if (filter.Status is not null)
        {
            conditions.Add(TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, filter.Status));
        }

        if (filter.Country is not null)
        {
            conditions.Add(TableQuery.GenerateFilterCondition("Country", QueryComparisons.Equal, filter.Country));
        }

        if (filter.AssignedEntityId is not null)
        {
            conditions.Add(TableQuery.GenerateFilterCondition("AssigneeId", QueryComparisons.Equal, filter.AssignedEntityId));
        }

        if (filter.ReceivedFrom is { } from)
        {
            conditions.Add(TableQuery.GenerateFilterConditionForDate("ReceivedAt", QueryComparisons.GreaterThanOrEqual,
                new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }

        if (filter.ReceivedTo is { } to)
        {
            conditions.Add(TableQuery.GenerateFilterConditionForDate("ReceivedAt", QueryComparisons.LessThan,
                new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }

        return conditions.Aggregate((a, b) => TableQuery.CombineFilters(a, TableOperators.And, b));
    }

    private static InquiryRow ToRow(DynamicTableEntity e, bool withSubmission)
    {
        var assigneeId = e.Prop("AssigneeId")?.StringValue;
        InquirySubmission? submission = null;
        if (withSubmission)
        {
            try
            {
                submission = JsonSerializer.Deserialize<InquirySubmission>(e.Prop("Document")?.StringValue ?? "", Json.Options);
            }
            catch (JsonException)
            {
                // An unreadable document lists with its columns only.
            }
        }

        return new InquiryRow(
            e.PartitionKey,
            e.Prop("Status")?.StringValue ?? InquiryStatus.Received,
            e.Prop("ReceivedAt")?.DateTimeOffsetValue ?? e.Timestamp,
            e.Prop("Country")?.StringValue ?? "",
            (e.Prop("Topics")?.StringValue ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            assigneeId is null ? null : new AssigneeSummary(assigneeId, e.Prop("AssigneeName")?.StringValue ?? assigneeId, e.Prop("AssigneeKind")?.StringValue ?? ""),
            e.Prop("RoutedAt")?.DateTimeOffsetValue,
            e.Prop("AcceptedAt")?.DateTimeOffsetValue,
            e.Prop("FailedAt")?.DateTimeOffsetValue)
        {
            Submission = submission,
        };
    }
}
