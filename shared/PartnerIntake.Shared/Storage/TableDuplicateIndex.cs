using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// InquiryIndex table: PartitionKey = the organisation's country, RowKey = a hashed duplicate key
/// (<see cref="DuplicateKeys"/>); one row per key, with a column per inquiry that had it (<c>R_PI_…</c> =
/// "received at|assigned to"). Linking an inquiry is one query (the up to three rows of its keys, one partition)
/// and one transaction (a merge per key adds its column), whatever the number of stored inquiries. An inquiry from
/// the same contact about another country is not linked: the price of one partition per lookup.
/// </summary>
public sealed class TableDuplicateIndex(StorageAccount storage) : IDuplicateIndex, IDuplicateLookup
{
    /// <summary>A key row keeps at most this many inquiries (the newest); older ones are dropped when it is rewritten.</summary>
    public const int MaxPerKey = 50;

    private const string ColumnPrefix = "R_";

    private TableClient Table => storage.Table(TableNames.InquiryIndex);

    public async Task<IReadOnlyList<LinkedInquiry>> LinkAsync(Inquiry inquiry, string assignedTo, CancellationToken cancellationToken)
    {
        var keys = DuplicateKeys.For(inquiry.Submission);
        var country = inquiry.Submission.Organization.Country;
        var rows = await ReadAsync(country, keys, cancellationToken);
        var since = inquiry.ReceivedAt - DuplicateKeys.Window;
        var linked = Linked(rows, keys, inquiry.Reference)
            .Where(l => l.ReceivedAt >= since && l.ReceivedAt <= inquiry.ReceivedAt)
            .ToList();

        var column = Column(inquiry.Reference);
        var value = string.Create(CultureInfo.InvariantCulture, $"{inquiry.ReceivedAt:O}|{assignedTo}");
        var actions = keys.Select(k =>
        {
            var row = rows.FirstOrDefault(r => r.RowKey == k.Key);
            var columns = row?.Keys.Count(c => c.StartsWith(ColumnPrefix, StringComparison.Ordinal)) ?? 0;
            if (row is null || columns < MaxPerKey)
            {
                // A merge adds the column without touching the others: concurrent inquiries cannot overwrite each other.
                return new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(country, k.Key) { [column] = value });
            }

            // Full: rewrite it with the newest entries, only if nobody changed it since we read it.
            var kept = new TableEntity(country, k.Key) { [column] = value };
            foreach (var (name, stored) in Entries(row).OrderByDescending(e => e.Value.ReceivedAt).Take(MaxPerKey - 1).Select(e => (e.Key, row[e.Key])))
            {
                kept[name] = stored;
            }

            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, kept, row.ETag);
        }).ToList();

        try
        {
            await StorageAccount.Guard(() => Table.SubmitTransactionAsync(actions, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // A concurrent inquiry rewrote a full row: add our column by merges alone (the row trims next time).
            await StorageAccount.Guard(() => Table.SubmitTransactionAsync(
                keys.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(country, k.Key) { [column] = value })),
                cancellationToken));
        }

        return linked.OrderBy(l => l.ReceivedAt).ToList();
    }

    /// <summary>For the console: every inquiry sharing a key with this one, earlier or later; writes nothing.</summary>
    public async Task<IReadOnlyList<LinkedInquiry>> FindLinkedAsync(InquirySubmission submission, string reference, CancellationToken cancellationToken)
    {
        var keys = DuplicateKeys.For(submission);
        var rows = await ReadAsync(submission.Organization.Country, keys, cancellationToken);
        return Linked(rows, keys, reference).OrderBy(l => l.ReceivedAt).ToList();
    }

    private Task<List<TableEntity>> ReadAsync(string country, IReadOnlyList<(string Kind, string Key)> keys, CancellationToken cancellationToken)
    {
        // At most three rows of one partition: one request.
        var rowFilter = string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k.Key}")));
        return Table.QueryListAsync($"{TableClient.CreateQueryFilter($"PartitionKey eq {country}")} and ({rowFilter})", cancellationToken);
    }

    private static IEnumerable<LinkedInquiry> Linked(List<TableEntity> rows, IReadOnlyList<(string Kind, string Key)> keys, string reference)
    {
        var found = new Dictionary<string, LinkedInquiry>(StringComparer.Ordinal);
        foreach (var (kind, key) in keys)
        {
            if (rows.FirstOrDefault(r => r.RowKey == key) is not { } row)
            {
                continue;
            }

            foreach (var entry in Entries(row).Select(e => e.Value).Where(e => e.Reference != reference))
            {
                found.TryAdd(entry.Reference, entry with { Matched = kind });
            }
        }

        return found.Values;
    }

    private static IEnumerable<KeyValuePair<string, LinkedInquiry>> Entries(TableEntity row)
    {
        foreach (var (name, value) in row)
        {
            if (name.StartsWith(ColumnPrefix, StringComparison.Ordinal) && value is string text && text.Split('|', 2) is [var at, var assignee]
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var receivedAt))
            {
                yield return new(name, new LinkedInquiry(name[ColumnPrefix.Length..].Replace('_', '-'), receivedAt, "", assignee.Length > 0 ? assignee : null));
            }
        }
    }

    private static string Column(string reference) => ColumnPrefix + reference.Replace('-', '_');
}
