using Azure.Data.Tables;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// InquiryIndex table: PartitionKey = the organisation's country, RowKey = reference; one row per inquiry holding its
/// hashed duplicate keys (<see cref="DuplicateKeys"/>: organisation, website, contact), when it was received and whom
/// it was assigned to. Linking an inquiry is one query of its country's partition (rows sharing any of its keys) and
/// one insert, whatever the number of stored inquiries. An inquiry from the same contact about another country is not
/// linked: the price of one partition per lookup.
/// </summary>
public sealed class TableDuplicateIndex(StorageAccount storage) : IDuplicateIndex, IDuplicateLookup
{
    private static readonly string[] Kinds = ["organisation", "website", "contact"];

    private TableClient Table => storage.Table(TableNames.InquiryIndex);

    public async Task<IReadOnlyList<LinkedInquiry>> LinkAsync(Inquiry inquiry, string assignedTo, CancellationToken cancellationToken)
    {
        var keys = DuplicateKeys.For(inquiry.Submission);
        var since = inquiry.ReceivedAt - DuplicateKeys.Window;
        var rows = await ReadAsync(inquiry.Submission.Organization.Country, keys,
            TableClient.CreateQueryFilter($"ReceivedAt ge {since} and ReceivedAt le {inquiry.ReceivedAt}"), cancellationToken);

        var own = new TableEntity(inquiry.Submission.Organization.Country, inquiry.Reference)
        {
            ["ReceivedAt"] = inquiry.ReceivedAt,
            ["AssignedTo"] = assignedTo,
        };
        foreach (var (kind, key) in keys)
        {
            own[Column(kind)] = key;
        }

        await Table.TryAddAsync(own, cancellationToken); // a conflict: recorded by an earlier attempt
        return Linked(rows, keys, inquiry.Reference);
    }

    /// <summary>For the console: every inquiry sharing a key with this one, earlier or later; writes nothing.</summary>
    public async Task<IReadOnlyList<LinkedInquiry>> FindLinkedAsync(InquirySubmission submission, string reference, CancellationToken cancellationToken)
    {
        var keys = DuplicateKeys.For(submission);
        return Linked(await ReadAsync(submission.Organization.Country, keys, null, cancellationToken), keys, reference);
    }

    private Task<List<TableEntity>> ReadAsync(string country, IReadOnlyList<(string Kind, string Key)> keys, string? also, CancellationToken cancellationToken)
    {
        var anyKey = string.Join(" or ", keys.Select(k => $"{Column(k.Kind)} eq {Quote(k.Key)}"));
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {country}")} and ({anyKey})" + (also is null ? "" : $" and {also}");
        return Table.QueryListAsync(filter, cancellationToken, max: 1000);
    }

    private static List<LinkedInquiry> Linked(List<TableEntity> rows, IReadOnlyList<(string Kind, string Key)> keys, string reference) =>
        rows.Where(r => r.RowKey != reference)
            .Select(r => new LinkedInquiry(
                r.RowKey,
                r.GetDateTimeOffset("ReceivedAt") ?? r.Timestamp ?? DateTimeOffset.MinValue,
                keys.First(k => r.GetString(Column(k.Kind)) == k.Key).Kind,
                r.GetString("AssignedTo")))
            .OrderBy(l => l.ReceivedAt)
            .ToList();

    // The column names are ours (Kinds), the values go through CreateQueryFilter's escaping.
    private static string Column(string kind) => kind switch
    {
        "organisation" => "Organisation",
        "website" => "Website",
        "contact" => "Contact",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Expected one of {string.Join(", ", Kinds)}."),
    };

    private static string Quote(string value) => TableClient.CreateQueryFilter($"{value}");
}
