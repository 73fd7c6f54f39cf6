using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Shared.Recognition;

public sealed record CsvRowError(int Line, string Field, string Reason);

/// <summary>
/// The donation CSV: the contract's JSON paths as column names (institution.name, …). Each row is
/// turned into the contract's JSON and checked by the same validator; the import is all or nothing.
/// </summary>
public static class DonationCsv
{
    public static readonly string[] Columns =
    [
        "institution.name", "institution.country", "institution.website",
        "contact.name", "contact.email", "contact.language",
        "collection.title", "collection.commonsCategory", "collection.files", "collection.license",
        "donatedOn", "creditLine", "brokeredBy", "inquiryReference",
    ];

    public const int MaxRows = 5000;

    public static (IReadOnlyList<DonationSubmission> Donations, IReadOnlyList<CsvRowError> Errors) Parse(string text, DateOnly today)
    {
        var (rows, unclosedQuoteLine) = Csv.Parse(text);
        var errors = new List<CsvRowError>();
        if (unclosedQuoteLine is { } line)
        {
            errors.Add(new CsvRowError(line, "$", "A quote opened on this line is never closed."));
        }

        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim()).SequenceEqual(Columns))
        {
            errors.Add(new CsvRowError(1, "header", $"The header must be: {string.Join(',', Columns)}"));
            return ([], errors);
        }

        if (rows.Count - 1 > MaxRows)
        {
            errors.Add(new CsvRowError(0, "$", $"At most {MaxRows} donations per import."));
            return ([], errors);
        }

        var donations = new List<DonationSubmission>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != Columns.Length)
            {
                errors.Add(new CsvRowError(row.Line, "$", $"Expected {Columns.Length} columns, found {row.Fields.Count}."));
                continue;
            }

            var node = new JsonObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                var value = row.Fields[i].Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                var path = Columns[i].Split('.');
                var parent = node;
                if (path.Length == 2)
                {
                    parent = node[path[0]] as JsonObject ?? (JsonObject)(node[path[0]] = new JsonObject());
                }

                parent[path[^1]] = value;
            }

            using var document = JsonDocument.Parse(node.ToJsonString());
            var validated = DonationValidator.Validate(document.RootElement, today);
            if (validated.IsValid)
            {
                donations.Add(validated.Value!);
            }
            else
            {
                errors.AddRange(validated.Errors.ToDictionary().SelectMany(e => e.Value.Select(reason => new CsvRowError(row.Line, e.Key, reason))));
            }
        }

        return (errors.Count == 0 ? donations : [], errors);
    }
}
