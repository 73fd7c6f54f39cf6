using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Hosting;
using PartnerIntake.Web.Intake;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages;

/// <summary>The partner form: GET shows it, POST validates with the API's validator and stores like the API.</summary>
public sealed partial class IndexModel(InquiryForm form, IRoutingTablesSource routing, IStringLocalizer<WebText> text, ILogger<IndexModel> logger) : PageModel
{
    private IFormCollection? posted;

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string Token { get; private set; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    /// <summary>Countries where routing depends on the subdivision, each with the subdivisions that matter, by name.</summary>
    public IReadOnlyList<SubdivisionGroup> Subdivisions { get; private set; } = [];

    public IReadOnlyList<LanguageChoice> ContentLanguages { get; private set; } = [];

    public string? DefaultCountry { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        posted = Request.Form;
        var outcome = await form.SubmitAsync(posted, ClientAddress.Key(HttpContext.Connection.RemoteIpAddress), cancellationToken);
        switch (outcome)
        {
            case FormOutcome.Accepted accepted:
                return RedirectToPage("/Confirmation", new { reference = accepted.Reference });
            case FormOutcome.Rejected:
                return RedirectToPage("/Received"); // the honeypot: only a program fills a field nobody sees
            case FormOutcome.TooFast:
                // Perhaps a person after all: nothing stored, nothing pretended; the form as filled, to send again.
                Errors = new Dictionary<string, string[]> { [InquiryForm.TokenField] = [text["FormTooFast"]] };
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case FormOutcome.Limited:
                return RedirectToPage("/Busy"); // the neutral, localised 429 page

            case FormOutcome.Invalid invalid:
                Errors = invalid.Errors;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case FormOutcome.Expired:
                Errors = new Dictionary<string, string[]> { [InquiryForm.TokenField] = [text["FormExpired"]] };
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            default:
                Errors = new Dictionary<string, string[]> { [InquiryForm.TokenField] = [text["Unavailable"]] };
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                Response.Headers.RetryAfter = "5";
                break;
        }

        await PrepareAsync(cancellationToken);
        return Page();
    }

    /// <summary>The posted value, or on a fresh form its default.</summary>
    public string Value(string field) => posted is not null
        ? posted[field].ToString()
        : field switch
        {
            "contact.language" => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            "organization.country" => DefaultCountry ?? "",
            _ => "",
        };

    public bool IsChosen(string field, string value) =>
        posted is not null ? posted[field].Contains(value) : Value(field) == value;

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    public bool HasError(string field) => Errors.ContainsKey(field);

    /// <summary>The element id of a field: the JSON path with dots as dashes.</summary>
    public static string Id(string field) => field.Replace('.', '-');

    /// <summary>Where the error summary links to: the field, or the first option of a group.</summary>
    public static string Anchor(string field) => field switch
    {
        "topics" => "topics-" + InquiryContract.Topics.First(),
        "scale" => "scale-" + InquiryContract.Scales.First(),
        "agreement" => "agreement-" + InquiryContract.Agreements.First(),
        "contentLanguages" => "contentLanguages-en",
        InquiryForm.TokenField => "inquiry-form",
        _ => Id(field),
    };

    /// <summary>An error message with the field's label in front, for the summary (the API's message is about "this field").</summary>
    public string Labelled(string field, string message)
    {
        var label = text["Short_" + field] is { ResourceNotFound: false } shortLabel ? shortLabel : text["Field_" + field];
        return label.ResourceNotFound ? message : $"{label.Value}: {message}";
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        // After errors the form keeps the token it was first served with: the minimum fill time counts from then.
        Token = posted is null ? form.IssueToken() : form.TokenFor(posted[InquiryForm.TokenField]);
        Countries = CountryNames.All(culture);
        DefaultCountry = Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-') is [_, { Length: 2 } region] ? region.ToUpperInvariant() : null)
            .FirstOrDefault(r => r is not null && global::PartnerIntake.Shared.Geography.Countries.IsKnown(r));
        var comparer = StringComparer.Create(culture, ignoreCase: true);
        ContentLanguages = LanguageChoice.All(culture);
        try
        {
            var tables = await routing.GetLiveAsync(cancellationToken);
            Subdivisions = tables.Regions
                .Where(r => r.Subdivision is not null && Countries.Any(c => c.Key == r.Country))
                .GroupBy(r => r.Country)
                .Select(g => new SubdivisionGroup(
                    g.Key,
                    Countries.First(c => c.Key == g.Key).Value,
                    g.Select(r => KeyValuePair.Create(r.Subdivision!, SubdivisionNames.Localized(r.Subdivision!, culture)))
                        .DistinctBy(p => p.Key)
                        .OrderBy(p => p.Value, comparer)
                        .ToList()))
                .OrderBy(g => g.CountryName, comparer)
                .ToList();
        }
        catch (StorageUnavailableException ex)
        {
            // The form still works; only the hint about which countries need a subdivision is missing.
            LogNoRoutingTables(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing tables unavailable while rendering the inquiry form")]
    private static partial void LogNoRoutingTables(ILogger logger, Exception ex);
}
