using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Shared.Recognition;

/// <summary>
/// A donation typed into the console's form: one field per JSON path of the contract (the CSV's column names), turned
/// into the contract's JSON and checked by <see cref="DonationValidator"/>, so the console accepts exactly what the API
/// accepts and stores the same submission. Blank fields are left out, as in the CSV.
/// </summary>
public static class DonationFormFields
{
    public static IReadOnlyList<string> Names => DonationCsv.Columns;

    public static Validated<DonationSubmission> Validate(IReadOnlyDictionary<string, string?> fields, DateOnly today)
    {
        var node = new JsonObject();
        foreach (var name in Names)
        {
            if (fields.GetValueOrDefault(name)?.Trim() is not { Length: > 0 } value)
            {
                continue;
            }

            var path = name.Split('.');
            var parent = path.Length == 2 ? node[path[0]] as JsonObject ?? (JsonObject)(node[path[0]] = new JsonObject()) : node;
            parent[path[^1]] = value;
        }

        // The contract's objects are required: an empty group is reported by its fields, not as a missing object.
        foreach (var group in new[] { "institution", "contact", "collection" })
        {
            node[group] ??= new JsonObject();
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return DonationValidator.Validate(document.RootElement, today);
    }
}
