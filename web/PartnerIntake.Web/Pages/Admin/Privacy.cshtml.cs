using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// A person's access and erasure requests: look an address up, download everything stored about it as JSON, or erase
/// it (confirmed). Everything is posted, so the address never appears in a URL or an access log; each export and
/// erasure is recorded in the operator audit under a keyed hash of the address.
/// </summary>
public sealed class PrivacyModel(PersonalDataEraser eraser) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public bool Confirm { get; set; }

    public string? EmailError { get; private set; }

    public string? ConfirmError { get; private set; }

    public PersonalDataExport? Found { get; private set; }

    public ErasureReport? Erased { get; private set; }

    private string Actor => User.Identity?.Name ?? "console";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return Invalid();
        }

        Found = await eraser.ExportAsync(Email, Actor, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return Invalid();
        }

        var export = await eraser.ExportAsync(Email, Actor, cancellationToken);
        var json = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(Json.Options) { WriteIndented = true });

        // Named by date, not by address: the file name shows up in download lists.
        return File(json, "application/json", $"personal-data-{export.ExportedAt:yyyyMMdd-HHmmss}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return Invalid();
        }

        if (!Confirm)
        {
            ConfirmError = "Tick the box to confirm: erasure cannot be undone.";
            Found = await eraser.ExportAsync(Email, Actor, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Erased = await eraser.ErasePersonAsync(Email, Actor, cancellationToken);
        return Page();
    }

    private bool Valid()
    {
        Email = Email.Trim();
        if (Email.Length is > 0 and <= 254 && FieldRules.IsEmail(Email))
        {
            return true;
        }

        EmailError = "Enter the person's e-mail address, like name@example.org.";
        return false;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
