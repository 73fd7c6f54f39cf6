using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// When a topic row applies, written in topics.csv as <c>key=v1|v2;key=…</c> with keys
/// scale, area (country or ISO 3166-2 subdivision), contentLanguage and noChapter=true.
/// All given keys must match; an empty condition always matches.
/// </summary>
public sealed record RuleCondition(
    IReadOnlySet<string>? Scales,
    IReadOnlySet<string>? Areas,
    IReadOnlySet<string>? ContentLanguages,
    bool NoChapter)
{
    public static readonly RuleCondition Always = new(null, null, null, false);

    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal) { "scale", "area", "contentLanguage", "noChapter" };

    public bool IsAlways => Scales is null && Areas is null && ContentLanguages is null && !NoChapter;

    public bool Matches(InquirySubmission inquiry, RoutingTables tables) =>
        (Scales is null || Scales.Contains(inquiry.Scale))
        && (Areas is null || Areas.Contains(inquiry.Organization.Country) || (inquiry.Organization.Subdivision is { } s && Areas.Contains(s)))
        && (ContentLanguages is null || inquiry.ContentLanguages.Any(ContentLanguages.Contains))
        && (!NoChapter || !tables.HasActiveChapter(inquiry.Organization.Country));

    /// <summary>Parses the <c>when</c> column; errors name the offending part.</summary>
    public static RuleCondition Parse(string text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Always;
        }

        HashSet<string>? scales = null, areas = null, languages = null;
        var noChapter = false;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                errors.Add($"condition '{part}' is not key=value");
                continue;
            }

            var key = part[..eq];
            var values = part[(eq + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            switch (key)
            {
                case "scale":
                    scales = values;
                    errors.AddRange(values.Where(v => !InquiryContract.Scales.Contains(v)).Select(v => $"unknown scale '{v}'"));
                    break;
                case "area":
                    areas = values;
                    break;
                case "contentLanguage":
                    languages = values;
                    break;
                case "noChapter":
                    noChapter = values.SetEquals(["true"]);
                    if (!noChapter && !values.SetEquals(["false"]))
                    {
                        errors.Add("noChapter must be true or false");
                    }

                    break;
                default:
                    errors.Add($"unknown condition '{key}' (known: {string.Join(", ", Keys)})");
                    break;
            }
        }

        return new RuleCondition(scales, areas, languages, noChapter);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Scales is not null)
        {
            parts.Add("scale=" + string.Join('|', Scales.Order(StringComparer.Ordinal)));
        }

        if (Areas is not null)
        {
            parts.Add("area=" + string.Join('|', Areas.Order(StringComparer.Ordinal)));
        }

        if (ContentLanguages is not null)
        {
            parts.Add("contentLanguage=" + string.Join('|', ContentLanguages.Order(StringComparer.Ordinal)));
        }

        if (NoChapter)
        {
            parts.Add("noChapter=true");
        }

        return string.Join(';', parts);
    }
}
