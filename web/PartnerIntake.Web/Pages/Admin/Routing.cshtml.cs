using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// The live routing tables, and a candidate set: upload → line-numbered errors or the dry-run diff → import.
/// The candidate's CSV text rides along in the confirmation form, so importing imports exactly what was checked.
/// </summary>
public sealed class RoutingModel(RoutingAdministration administration, IRoutingTablesSource live) : PageModel
{
    public TablesSummary? Summary { get; private set; }

    public RoutingTables? Live { get; private set; }

    public IReadOnlyList<TableError> Errors { get; private set; } = [];

    public DryRunReport? Report { get; private set; }

    public ImportResult? Imported { get; private set; }

    public CandidateText? Candidate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Step 1: the uploaded files are validated and compared with the live tables; nothing changes.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? entities, IFormFile? regions, IFormFile? topics, CancellationToken cancellationToken)
    {
        Candidate = new CandidateText(await ReadAsync(entities), await ReadAsync(regions), await ReadAsync(topics));
        var tables = Validate(Candidate);
        if (tables is not null)
        {
            Report = await administration.DryRunAsync(tables, cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Step 2: the checked text is validated again (it came back from the browser) and imported.</summary>
    public async Task<IActionResult> OnPostImportAsync(string? entitiesText, string? regionsText, string? topicsText, CancellationToken cancellationToken)
    {
        Candidate = new CandidateText(entitiesText ?? "", regionsText ?? "", topicsText ?? "");
        var tables = Validate(Candidate);
        if (tables is not null)
        {
            Imported = await administration.ImportAsync(tables, cancellationToken);
            live.Invalidate();
            Candidate = null;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private RoutingTables? Validate(CandidateText candidate)
    {
        var missing = new[] { ("entities.csv", candidate.Entities), ("regions.csv", candidate.Regions), ("topics.csv", candidate.Topics) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2))
            .Select(f => new TableError(f.Item1, 0, "No file chosen, or the file is empty."))
            .ToList();
        if (missing.Count > 0)
        {
            Errors = missing;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return null;
        }

        var validation = new RoutingTablesCsv(candidate.Entities, candidate.Regions, candidate.Topics).Validate();
        if (!validation.IsValid)
        {
            Errors = validation.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return null;
        }

        return validation.Tables;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Summary = await administration.SummaryAsync(cancellationToken);
        Live = await live.GetLiveAsync(cancellationToken);
    }

    private static async Task<string> ReadAsync(IFormFile? file)
    {
        // Its size is bounded already: the whole request is at most Uploads:MaxBytes (UploadLimit).
        if (file is null || file.Length == 0)
        {
            return "";
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync();
    }

    public sealed record CandidateText(string Entities, string Regions, string Topics);
}
