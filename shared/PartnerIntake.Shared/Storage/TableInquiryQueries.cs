using System.Text.Json;
using Azure.Data.Tables;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's list query over the inquiry rows of the Inquiries table (PartitionKey = reference, RowKey = "inquiry";
/// the partition's assignment, audit and mail rows are left out by the filter). An admin-only scan, read page by page:
/// the filter's status, country, assignee and date range go to the service as an OData filter built with
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/> (which escapes every value; never by interpolating input);
/// only the columns a list needs are read (the document only for exports and searches); topic (a comma-separated
/// column), the work state and the search text are matched here. Stops after <c>maxRows</c> matches.
/// </summary>
public sealed class TableInquiryQueries(StorageAccount storage) : IInquiryQueries
{
    private const int PageSize = 1000;

    // The SDK sends $select as given (the old one added the keys and Timestamp): the list needs the reference and Timestamp.
    private static readonly string[] ListColumns =
        ["PartitionKey", "Timestamp", "Status", "ReceivedAt", "Country", "Topics", "AssigneeId", "AssigneeName", "AssigneeKind", "RoutedAt", "AcceptedAt", "FailedAt", "Outcome"];

    public async Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(
        InquiryFilter filter, bool withSubmissions, int maxRows, CancellationToken cancellationToken)
    {
        var query = Filter(filter);
        string[] select = withSubmissions ? [.. ListColumns, "Document"] : ListColumns;
        var table = storage.Table(TableNames.Inquiries);
        var rows = new List<InquiryRow>();
        var more = false;
        string? token = null;
        do
        {
            var (page, next) = await table.QueryPageAsync(query, PageSize, token, cancellationToken, select);
            foreach (var entity in page)
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

            token = next;
        }
        while (token is not null && !more);

        // Rows left unread may or may not match: a continuation after a full list counts as truncated.
        return (rows, more || token is not null);
    }

    internal static string Filter(InquiryFilter filter)
    {
        var conditions = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {TableInquiryStore.RowKey}") };
        if (filter.Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (filter.Country is { } country)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Country eq {country}"));
        }

        if (filter.AssignedEntityId is { } assignee)
        {
            conditions.Add(TableClient.CreateQueryFilter($"AssigneeId eq {assignee}"));
        }

        if (filter.ReceivedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            conditions.Add(TableClient.CreateQueryFilter($"ReceivedAt ge {start}"));
        }

        if (filter.ReceivedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            conditions.Add(TableClient.CreateQueryFilter($"ReceivedAt lt {end}"));
        }

        // Each condition is already escaped; only the parentheses and "and" are added here.
        return conditions.Aggregate((a, b) => $"({a}) and ({b})");
    }

    private static InquiryRow ToRow(TableEntity e, bool withSubmission)
    {
        var assigneeId = e.GetString("AssigneeId");
        InquirySubmission? submission = null;
        if (withSubmission)
        {
            try
            {
                submission = JsonSerializer.Deserialize<InquirySubmission>(e.GetString("Document") ?? "", Json.Options);
            }
            catch (JsonException)
            {
                // An unreadable document lists with its columns only.
            }
        }

        return new InquiryRow(
            e.PartitionKey,
            e.GetString("Status") ?? InquiryStatus.Received,
            e.GetDateTimeOffset("ReceivedAt") ?? e.Timestamp ?? default,
            e.GetString("Country") ?? "",
            (e.GetString("Topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            assigneeId is null ? null : new AssigneeSummary(assigneeId, e.GetString("AssigneeName") ?? assigneeId, e.GetString("AssigneeKind") ?? ""),
            e.GetDateTimeOffset("RoutedAt"),
            e.GetDateTimeOffset("AcceptedAt"),
            e.GetDateTimeOffset("FailedAt"))
        {
            Submission = submission,
            Outcome = e.GetString("Outcome"),
        };
    }
}
