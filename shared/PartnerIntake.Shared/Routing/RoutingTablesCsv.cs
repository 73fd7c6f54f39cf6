using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Routing;

/// <summary>An error in a candidate table set, with the file and line it was found on (line 0: the set as a whole).</summary>
public sealed record TableError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

public sealed record TablesValidation(RoutingTables? Tables, IReadOnlyList<TableError> Errors)
{
    public bool IsValid => Tables is not null && Errors.Count == 0;
}

/// <summary>
/// The routing tables as CSV (entities, regions, topics): the repository's seed and operator uploads.
/// <see cref="Validate"/> is the only way from text to tables, so nothing unvalidated goes live.
/// </summary>
public sealed partial record RoutingTablesCsv(string Entities, string Regions, string Topics)
{
    public const string EntitiesFile = "entities.csv";
    public const string RegionsFile = "regions.csv";
    public const string TopicsFile = "topics.csv";

    private static readonly string[] EntityColumns =
        ["id", "name", "kind", "legalEntity", "languages", "contact", "ackSlaDays", "active", "inactiveSince", "inactiveReason", "fallback"];

    private static readonly string[] RegionColumns = ["country", "subdivision", "entities"];
    private static readonly string[] TopicColumns = ["topic", "entity", "policy", "when"];

    public static RoutingTablesCsv Seed()
    {
        return new(Read(EntitiesFile), Read(RegionsFile), Read(TopicsFile));

        static string Read(string name)
        {
            using var stream = Assembly.GetExecutingAssembly()
                .GetManifestResourceStream($"PartnerIntake.Shared.Routing.Data.{name}")
                ?? throw new InvalidOperationException($"{name} is not embedded");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// A version id derived from the content: the same tables always get the same version. Valid tables are hashed in
    /// their canonical form (<see cref="From"/>), so a downloaded set re-imports as the version it came from whatever
    /// quoting or rule order the original upload used; text that does not validate is hashed as it is.
    /// </summary>
    public string ContentVersion()
    {
        var validation = Validate();
        return validation.IsValid ? validation.Tables!.Version : TextVersion(this);
    }

    private static string TextVersion(RoutingTablesCsv csv)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(csv.Entities) + "\u0000" + Normalise(csv.Regions) + "\u0000" + Normalise(csv.Topics)));
        return "v-" + Convert.ToHexStringLower(hash)[..12];

        static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    /// <summary>
    /// The tables as the three files, in the columns <see cref="Validate"/> reads: what the console's download serves.
    /// Written by CsvHelper with the console export's formula guard (a cell starting with = + - @ gets an apostrophe,
    /// which reading takes off again), so a spreadsheet never runs a name as a formula and the file re-imports unchanged.
    /// Entities by id and regions by code, as storage keeps them (their order means nothing); topic rules in their order,
    /// which is their precedence.
    /// </summary>
    public static RoutingTablesCsv From(RoutingTables tables) => new(
        Write(EntityColumns, tables.Entities.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => new[]
        {
            e.Id, e.Name, e.Kind, YesNo(e.LegalEntity), string.Join(';', e.Languages), e.Contact,
            e.AckSlaDays.ToString(CultureInfo.InvariantCulture), YesNo(e.Active),
            e.InactiveSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", e.InactiveReason ?? "", e.Fallback ?? "",
        })),
        Write(RegionColumns, tables.Regions.OrderBy(r => r.Subdivision ?? r.Country, StringComparer.Ordinal).Select(r => new[] { r.Country, r.Subdivision ?? "", string.Join(';', r.EntityIds) })),
        Write(TopicColumns, tables.Topics.Select(t => new[] { t.Topic, t.EntityId, t.Policy, t.When.ToString() })));

    /// <summary>The text of one of the three files by its name (entities.csv, regions.csv, topics.csv); null for any other name.</summary>
    public string? File(string name) => name switch
    {
        EntitiesFile => Entities,
        RegionsFile => Regions,
        TopicsFile => Topics,
        _ => null,
    };

    private static readonly CsvHelper.CsvWriterOptions WriterOptions = new() { Injection = CsvHelper.CsvInjection.Escape };

    private static string Write(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
            }
        }

        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>Validated tables for the seed, which must be valid (a unit test holds it to that).</summary>
    public RoutingTables Parse()
    {
        var result = Validate();
        return result.IsValid
            ? result.Tables!
            : throw new FormatException("Invalid routing tables:\n" + string.Join('\n', result.Errors.Take(20)));
    }

    public TablesValidation Validate()
    {
        var errors = new List<TableError>();
        var entities = ParseEntities(errors);
        var regions = ParseRegions(errors);
        var topics = ParseTopics(errors);
        CheckReferences(entities, regions, topics, errors);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var tables = new RoutingTables(
            "",
            entities.Select(e => e.Value).ToList(),
            regions.Select(r => r.Value).ToList(),
            topics.Select(t => t.Value).ToList());
        return new(tables with { Version = TextVersion(From(tables)) }, errors);
    }

    private List<Lined<MovementEntity>> ParseEntities(List<TableError> errors)
    {
        var list = new List<Lined<MovementEntity>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(Entities, EntitiesFile, EntityColumns, errors))
        {
            var f = row.Fields;
            void Error(string message) => errors.Add(new TableError(EntitiesFile, row.Line, message));
            var id = f[0].Trim();
            if (!IdPattern().IsMatch(id))
            {
                Error($"id '{id}' must be lowercase letters, digits and hyphens");
            }
            else if (!seen.Add(id))
            {
                Error($"duplicate id '{id}'");
            }

            if (string.IsNullOrWhiteSpace(f[1]))
            {
                Error("name is empty");
            }

            if (!EntityKind.All.Contains(f[2]))
            {
                Error($"unknown kind '{f[2]}' (known: {string.Join(", ", EntityKind.All)})");
            }

            var legal = YesNo(f[3], "legalEntity", Error);
            var languages = f[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var language in languages.Where(l => !FieldRules.IsLanguage(l)))
            {
                Error($"language '{language}' is not a language code");
            }

            var active = YesNo(f[7], "active", Error);
            var contact = f[5].Trim();
            if (active && contact.Length == 0)
            {
                Error($"active entity '{id}' has no contact address");
            }
            else if (contact.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(contact, out _))
            {
                Error($"contact '{contact}' is not an e-mail address");
            }

            if (!int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var sla) || sla is < 1 or > 60)
            {
                Error($"ackSlaDays '{f[6]}' must be a whole number of business days from 1 to 60");
            }

            DateOnly? since = null;
            if (f[8].Trim().Length > 0)
            {
                if (DateOnly.TryParseExact(f[8].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    since = d;
                }
                else
                {
                    Error($"inactiveSince '{f[8]}' is not a date (yyyy-MM-dd)");
                }
            }

            var reason = string.IsNullOrWhiteSpace(f[9]) ? null : f[9].Trim();
            if (!active && reason is null)
            {
                Error($"inactive entity '{id}' needs an inactiveReason");
            }

            list.Add(new(row.Line, new MovementEntity(id, f[1].Trim(), f[2], legal, languages, contact, sla, active, reason, since)
            {
                Fallback = string.IsNullOrWhiteSpace(f[10]) ? null : f[10].Trim(),
            }));
        }

        return list;
    }

    private List<Lined<RegionRoute>> ParseRegions(List<TableError> errors)
    {
        var list = new List<Lined<RegionRoute>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(Regions, RegionsFile, RegionColumns, errors))
        {
            void Error(string message) => errors.Add(new TableError(RegionsFile, row.Line, message));
            var country = row.Fields[0].Trim();
            var subdivision = string.IsNullOrWhiteSpace(row.Fields[1]) ? null : row.Fields[1].Trim();
            if (!Countries.IsKnown(country))
            {
                Error($"'{country}' is not an ISO 3166-1 alpha-2 country code");
            }

            if (subdivision is not null && (!SubdivisionPattern().IsMatch(subdivision) || !subdivision.StartsWith(country + "-", StringComparison.Ordinal)))
            {
                Error($"'{subdivision}' is not an ISO 3166-2 code of {country}");
            }

            if (!seen.Add(subdivision ?? country))
            {
                Error($"duplicate route for {subdivision ?? country}");
            }

            var ids = row.Fields[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length == 0)
            {
                Error($"{subdivision ?? country} lists no entities");
            }

            list.Add(new(row.Line, new RegionRoute(country, subdivision, ids)));
        }

        return list;
    }

    private List<Lined<TopicRoute>> ParseTopics(List<TableError> errors)
    {
        var list = new List<Lined<TopicRoute>>();
        foreach (var row in Rows(Topics, TopicsFile, TopicColumns, errors))
        {
            void Error(string message) => errors.Add(new TableError(TopicsFile, row.Line, message));
            var topic = row.Fields[0].Trim();
            if (topic != "*" && !InquiryContract.Topics.Contains(topic))
            {
                Error($"unknown topic '{topic}'");
            }

            if (!LeadPolicy.All.Contains(row.Fields[2].Trim()))
            {
                Error($"unknown policy '{row.Fields[2]}' (known: {string.Join(", ", LeadPolicy.All)})");
            }

            var conditionErrors = new List<string>();
            var when = RuleCondition.Parse(row.Fields[3], conditionErrors);
            foreach (var area in when.Areas ?? new HashSet<string>())
            {
                if (!Countries.IsKnown(area) && !(SubdivisionPattern().IsMatch(area) && Countries.IsKnown(area[..2])))
                {
                    conditionErrors.Add($"area '{area}' is not an ISO 3166 country or subdivision code");
                }
            }

            conditionErrors.ForEach(Error);
            list.Add(new(row.Line, new TopicRoute(topic, row.Fields[1].Trim(), row.Fields[2].Trim(), when)));
        }

        return list;
    }

    private static void CheckReferences(
        List<Lined<MovementEntity>> entities, List<Lined<RegionRoute>> regions, List<Lined<TopicRoute>> topics, List<TableError> errors)
    {
        var byId = entities.GroupBy(e => e.Value.Id).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var (line, region) in regions)
        {
            foreach (var id in region.EntityIds.Where(id => !byId.ContainsKey(id)))
            {
                errors.Add(new TableError(RegionsFile, line, $"unknown entity '{id}'"));
            }
        }

        foreach (var (line, topic) in topics.Where(t => !byId.ContainsKey(t.Value.EntityId)))
        {
            errors.Add(new TableError(TopicsFile, line, $"unknown entity '{topic.EntityId}'"));
        }

        foreach (var (line, entity) in entities.Where(e => e.Value.Fallback is not null))
        {
            if (!byId.ContainsKey(entity.Fallback!))
            {
                errors.Add(new TableError(EntitiesFile, line, $"fallback '{entity.Fallback}' is not an entity"));
                continue;
            }

            // Follow the fallback chain: it must end, or escalation would go round for ever.
            var visited = new List<string> { entity.Id };
            for (var next = entity.Fallback; next is not null && byId.TryGetValue(next, out var step); next = step.Fallback)
            {
                if (visited.Contains(next))
                {
                    errors.Add(new TableError(EntitiesFile, line, $"fallback cycle: {string.Join(" > ", visited)} > {next}"));
                    break;
                }

                visited.Add(next);
            }
        }

        if (!byId.TryGetValue(RoutingTables.TriageEntityId, out var triage) || !triage.Active)
        {
            errors.Add(new TableError(EntitiesFile, 0, $"the triage entity '{RoutingTables.TriageEntityId}' must exist and be active"));
        }

        var routed = regions
            .Where(r => r.Value.Subdivision is null && r.Value.EntityIds.Any(id => byId.TryGetValue(id, out var e) && e.Active))
            .Select(r => r.Value.Country)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Countries.Codes.Where(c => !routed.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new TableError(RegionsFile, 0,
                $"{missing.Count} countries have no route to an active entity: {string.Join(", ", missing.Take(30))}{(missing.Count > 30 ? ", …" : "")}"));
        }
    }

    private static IEnumerable<Csv.Row> Rows(string text, string file, string[] columns, List<TableError> errors)
    {
        // The CSV reader drops NUL without a trace: it is looked for in the text itself.
        if (text.IndexOf('\0', StringComparison.Ordinal) is var nul and >= 0)
        {
            errors.Add(new TableError(file, text.AsSpan(0, nul).Count('\n') + 1,
                "contains U+0000: control characters (line breaks, tabs, NUL) and bidirectional overrides are not allowed"));
        }

        var (rows, unclosedQuoteLine) = Csv.Parse(text);
        if (unclosedQuoteLine is { } line)
        {
            errors.Add(new TableError(file, line, "a quote opened on this line is never closed"));
        }

        if (rows.Count == 0 || !rows[0].Fields.Select(h => h.Trim()).SequenceEqual(columns))
        {
            errors.Add(new TableError(file, 1, $"the header must be: {string.Join(',', columns)}"));
            yield break;
        }

        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != columns.Length)
            {
                errors.Add(new TableError(file, row.Line, $"expected {columns.Length} columns, found {row.Fields.Count}"));
                continue;
            }

            var unsafeField = row.Fields.Select((field, i) => (Column: columns[i], Bad: field.FirstOrDefault(IsUnsafe)))
                .FirstOrDefault(f => f.Bad != default);
            if (unsafeField.Column is not null)
            {
                errors.Add(new TableError(file, row.Line,
                    $"{unsafeField.Column} contains U+{(int)unsafeField.Bad:X4}: control characters (line breaks, tabs, NUL) and bidirectional overrides are not allowed"));
            }

            yield return row with { Fields = row.Fields.Select(Unguard).ToArray() };
        }
    }

    /// <summary>Takes off the apostrophe the download's formula guard put before a leading = + - @ (or tab, CR).</summary>
    private static string Unguard(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? field[1..] : field;

    /// <summary>
    /// Characters no field may hold: names and addresses end up in mail headers (a line break there makes every mail to
    /// the entity fail) and on pages (a bidirectional override makes text read other than it is).
    /// C0 and C1 controls (CR, LF, TAB, NUL included), the line and paragraph separators, and the bidi embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    /// </summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool YesNo(string value, string column, Action<string> error)
    {
        switch (value.Trim())
        {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                error($"{column} must be yes or no, not '{value}'");
                return false;
        }
    }

    private sealed record Lined<T>(int Line, T Value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex SubdivisionPattern();
}
