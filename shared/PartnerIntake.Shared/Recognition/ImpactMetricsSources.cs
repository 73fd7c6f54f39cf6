using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Shared.Recognition;

/// <summary>One month of a category's figures, as imported from CSV.</summary>
public sealed record MonthlyImpact(string Category, string Month, long FilesUsed, long Articles, long Wikis, long PageViews);

public interface IImportedImpactStore
{
    Task SaveAsync(IReadOnlyList<MonthlyImpact> rows, CancellationToken cancellationToken);

    Task<IReadOnlyList<MonthlyImpact>> MonthsAsync(string category, string fromMonth, string toMonthExclusive, CancellationToken cancellationToken);
}

/// <summary>The metrics CSV: category,month (yyyy-MM),filesUsed,articles,wikis,pageViews. All rows valid or nothing stored.</summary>
public static class ImpactCsv
{
    public static readonly string[] Columns = ["category", "month", "filesUsed", "articles", "wikis", "pageViews"];

    public static (IReadOnlyList<MonthlyImpact> Rows, IReadOnlyList<CsvRowError> Errors) Parse(string text)
    {
        var (rows, unclosedQuoteLine) = Csv.Parse(text);
        var errors = new List<CsvRowError>();
        if (unclosedQuoteLine is { } line)
        {
            errors.Add(new CsvRowError(line, "$", "A quote opened on this line is never closed."));
        }

        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim()).SequenceEqual(Columns))
        {
            return ([], [.. errors, new CsvRowError(1, "header", $"The header must be: {string.Join(',', Columns)}")]);
        }

        var result = new List<MonthlyImpact>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != Columns.Length)
            {
                errors.Add(new CsvRowError(row.Line, "$", $"Expected {Columns.Length} columns, found {row.Fields.Count}."));
                continue;
            }

            var f = row.Fields.Select(x => x.Trim()).ToArray();
            var ok = true;
            if (!f[0].StartsWith("Category:", StringComparison.Ordinal) || f[0].Length > 255)
            {
                errors.Add(new CsvRowError(row.Line, "category", "Must be a Commons category such as Category:Paintings in the National Museum in Warsaw."));
                ok = false;
            }

            if (!DateOnly.TryParseExact(f[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add(new CsvRowError(row.Line, "month", "Must be a month written yyyy-MM."));
                ok = false;
            }

            var numbers = new long[4];
            for (var i = 0; i < 4; i++)
            {
                if (!long.TryParse(f[i + 2], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                {
                    errors.Add(new CsvRowError(row.Line, Columns[i + 2], "Must be a whole number, 0 or more."));
                    ok = false;
                }
            }

            if (ok)
            {
                result.Add(new MonthlyImpact(f[0], f[1], numbers[0], numbers[1], numbers[2], numbers[3]));
            }
        }

        return (errors.Count == 0 ? result : [], errors);
    }
}

public sealed class CommonsMetricsOptions
{
    /// <summary>The Commons Impact Metrics API; empty switches the client off (our build machines cannot reach it).</summary>
    public string BaseUrl { get; set; } = "https://wikimedia.org/api/rest_v1/metrics/commons-analytics";

    /// <summary>Wikimedia's API policy asks for a User-Agent that says who calls.</summary>
    public string UserAgent { get; set; } = "PartnerIntake/1.0 (partnerships@example.org)";
}

/// <summary>
/// A client for the Commons Impact Metrics API (AQS commons-analytics): the category's snapshot for
/// the period's last month (used files, wikis and pages using them, "deep" = with subcategories)
/// and its monthly page views summed over the period. A category not on the API's allow-list answers
/// 404 "not loaded yet": then, as on any failure, there are no figures.
/// </summary>
public sealed partial class CommonsImpactMetricsClient(HttpClient http, IOptions<CommonsMetricsOptions> options, ILogger<CommonsImpactMetricsClient> logger)
{
    public async Task<ImpactFigures?> GetAsync(string category, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return null;
        }

        var name = Uri.EscapeDataString(category.Replace("Category:", "", StringComparison.Ordinal).Trim().Replace(' ', '_'));
        var first = new DateOnly(periodStart.Year, periodStart.Month, 1);
        var end = new DateOnly(periodEnd.Year, periodEnd.Month, 1); // months before the period's end month
        if (end <= first)
        {
            end = first.AddMonths(1);
        }

        var lastMonth = end.AddMonths(-1);
        try
        {
            var snapshot = await ItemsAsync($"category-metrics-snapshot/{name}/{Day(lastMonth)}/{Day(end)}", cancellationToken);
            var views = await ItemsAsync($"pageviews-per-category-monthly/{name}/deep/all-wikis/{Day(first)}/{Day(end)}", cancellationToken);
            if (snapshot is null || snapshot.Count == 0 || views is null)
            {
                return null;
            }

            var s = snapshot[^1];
            return new ImpactFigures(
                Number(s, "used-media-file-count-deep") ?? Number(s, "used-media-file-count") ?? 0,
                Number(s, "leveraging-page-count-deep") ?? Number(s, "leveraging-page-count") ?? 0,
                Number(s, "leveraging-wiki-count-deep") ?? Number(s, "leveraging-wiki-count") ?? 0,
                views.Sum(v => Number(v, "pageview-count") ?? 0));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            LogUnavailable(ex);
            return null;
        }
    }

    private async Task<List<JsonElement>?> ItemsAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Value.BaseUrl.TrimEnd('/') + "/" + path);
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // not on the allow-list, or no data for these months yet
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.Clone()).ToList()
            : [];
    }

    private static long? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commons Impact Metrics unavailable; the report says there are no figures")]
    private partial void LogUnavailable(Exception ex);
}

/// <summary>Imported figures first (an operator's numbers win), then the API; null when neither knows.</summary>
public sealed class ImpactMetrics(IImportedImpactStore imported, CommonsImpactMetricsClient commons) : IImpactMetrics
{
    public async Task<ImpactFigures?> GetAsync(string commonsCategory, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken)
    {
        var months = await imported.MonthsAsync(commonsCategory, Month(periodStart), Month(periodEnd), cancellationToken);
        if (months.Count > 0)
        {
            var latest = months.MaxBy(m => m.Month, StringComparer.Ordinal)!;
            return new ImpactFigures(latest.FilesUsed, latest.Articles, latest.Wikis, months.Sum(m => m.PageViews));
        }

        return await commons.GetAsync(commonsCategory, periodStart, periodEnd, cancellationToken);
    }

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
