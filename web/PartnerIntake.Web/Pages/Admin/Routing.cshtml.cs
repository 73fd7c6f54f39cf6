using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// The live routing tables, and a candidate set: upload → line-numbered errors or the dry-run diff → import.
/// The candidate's CSV text rides along in the confirmation form, so importing imports exactly what was checked.
/// The live tables download as the three CSV files; the history lists every change of the live version, and any
/// earlier version still in storage can be made live again (a dry run first, then a confirmed POST), in the operator audit.
/// </summary>
public sealed class RoutingModel(RoutingAdministration administration, IRoutingTablesSource live, IOperatorAudit audit, TimeProvider time) : PageModel
{
    /// <summary>The operator audit's scope for changes of the live routing tables.</summary>
    public const string AuditScope = "routing";

    public const int HistoryRows = 50;

    public IReadOnlyList<RoutingVersionChange> History { get; private set; } = [];

    /// <summary>A rollback waiting for its confirmation: the version and what it would change.</summary>
    public DryRunReport? RollbackCheck { get; private set; }

    /// <summary>The rollback just done, or why not.</summary>
    public (RollbackOutcome Outcome, string Version)? RolledBack { get; private set; }

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
            Imported = await administration.ImportAsync(tables, Actor, cancellationToken);
            live.Invalidate();
            Candidate = null;
            if (!Imported.WasAlreadyLive)
            {
                await audit.AppendAsync(new OperatorAction(AuditScope, time.GetUtcNow(), Actor, "import", Imported.Version, null, null), cancellationToken);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The live tables as one of the three CSV files, as the import reads them (UTF-8 with a byte-order mark).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? file, CancellationToken cancellationToken)
    {
        var csv = await administration.LiveCsvAsync(cancellationToken);
        if (file is null || csv.File(file) is not { } text)
        {
            return NotFound();
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var version = (await live.GetLiveAsync(cancellationToken)).Version;
        return File(bytes, "text/csv; charset=utf-8", $"{Path.GetFileNameWithoutExtension(file)}-{version}.csv");
    }

    /// <summary>
    /// Rollback: without <paramref name="confirm"/> it shows what making <paramref name="version"/> live would change and asks
    /// to confirm; with confirm=yes it makes it live and records it in the operator audit.
    /// </summary>
    public async Task<IActionResult> OnPostRollbackAsync(string? version, string? confirm, CancellationToken cancellationToken)
    {
        var tables = string.IsNullOrWhiteSpace(version) ? null : await administration.VersionAsync(version, cancellationToken);
        if (tables is null)
        {
            RolledBack = (RollbackOutcome.NotFound, version ?? "");
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (confirm != "yes")
        {
            RollbackCheck = await administration.DryRunAsync(tables, cancellationToken);
        }
        else
        {
            var outcome = await administration.RollBackAsync(tables.Version, Actor, cancellationToken);
            RolledBack = (outcome, tables.Version);
            if (outcome == RollbackOutcome.RolledBack)
            {
                live.Invalidate();
                await audit.AppendAsync(new OperatorAction(AuditScope, time.GetUtcNow(), Actor, "rollback", tables.Version, null, null), cancellationToken);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The operator as the console knows them (App Service's signed-in name, or the local admin-key session).</summary>
    private string Actor => User.Identity?.Name is { Length: > 0 } name ? name : "console";

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
        History = await administration.HistoryAsync(HistoryRows, cancellationToken);
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
