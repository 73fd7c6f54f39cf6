using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// The inquiry list: search, work state and filters in the query string (bookmarkable), paging, and the same filter as
/// CSV. Without a state, inquiries closed as spam are left out.
/// </summary>
public sealed class InquiriesModel(InquiryBrowser browser, IRoutingTablesSource routing) : PageModel
{
    /// <summary>Free text: part of the organisation's name or of the reference.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>One of <see cref="WorkState.All"/>: the states an operator works by.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty(SupportsGet = true)] public string? Country { get; set; }

    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public InquiryPage Result { get; private set; } = null!;

    public IReadOnlyList<MovementEntity> Entities { get; private set; } = [];

    private InquiryFilter Filter => new(Status, Country, Topic, Entity, From, To, State, Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await browser.ListAsync(Filter, PageNumber, InquiryBrowser.DefaultPageSize, cancellationToken);
        Entities = (await routing.GetLiveAsync(cancellationToken)).Entities.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"inquiries.csv\"";
        await browser.ExportCsvAsync(Filter, Response.Body, cancellationToken);
        return new EmptyResult(); // the CSV is the response: no page after it
    }

    /// <summary>The current filter as route values, for paging and export links.</summary>
    public Dictionary<string, string> Query(int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Search, ["state"] = State, ["status"] = Status, ["country"] = Country, ["topic"] = Topic, ["entity"] = Entity,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }
}
