using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// One inquiry: the submission, the routing explanation, assignments and audit trail, linked inquiries, e-mails — and
/// what an operator can do to it (reassign, note, close, mark spam, resend an e-mail), each a POST with antiforgery,
/// recorded in the operator audit under the signed-in operator's name.
/// </summary>
public sealed class InquiryModel(InquiryBrowser browser, InquiryActions actions, IInquiryClosures closures, IRoutingTablesSource routing) : PageModel
{
    public InquiryDetail Detail { get; private set; } = null!;

    public InquiryClosure? Closure { get; private set; }

    public IReadOnlyList<OperatorAction> History { get; private set; } = [];

    public IReadOnlyList<MovementEntity> Entities { get; private set; } = [];

    /// <summary>The outcome of the action just taken (after its redirect), or its error.</summary>
    public string? Message { get; private set; }

    /// <summary>The form field an error is about, so the page can point at it.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>What the operator typed, kept when an action is refused.</summary>
    public Dictionary<string, string?> Entered { get; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] string reference, [FromQuery] string? done, CancellationToken cancellationToken)
    {
        Message = done is null ? null : Done.GetValueOrDefault(done);
        return await ShowAsync(reference, StatusCodes.Status200OK, cancellationToken);
    }

    public Task<IActionResult> OnPostReassignAsync([FromRoute] string reference, string? entity, string? reason, CancellationToken cancellationToken) =>
        ActAsync(reference, "reassign", new() { ["entity"] = entity, ["reason"] = reason },
            () => actions.ReassignAsync(reference, entity, reason, Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostNoteAsync([FromRoute] string reference, string? note, CancellationToken cancellationToken) =>
        ActAsync(reference, "note", new() { ["note"] = note },
            () => actions.AddNoteAsync(reference, note, Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync([FromRoute] string reference, string? outcome, string? reason, bool confirm, CancellationToken cancellationToken) =>
        ActAsync(reference, "close", new() { ["outcome"] = outcome, ["closeReason"] = reason },
            () => confirm
                ? actions.CloseAsync(reference, outcome, reason, Actor, cancellationToken)
                : Task.FromResult<ConsoleActionResult>(new ConsoleActionResult.Invalid("confirm", "Tick the box to confirm: closing stops reminders and cannot be undone.")),
            cancellationToken);

    public Task<IActionResult> OnPostSpamAsync([FromRoute] string reference, bool confirmSpam, CancellationToken cancellationToken) =>
        ActAsync(reference, "spam", [],
            () => confirmSpam
                ? actions.MarkSpamAsync(reference, Actor, cancellationToken)
                : Task.FromResult<ConsoleActionResult>(new ConsoleActionResult.Invalid("confirmSpam", "Tick the box to confirm that this inquiry is spam.")),
            cancellationToken);

    public Task<IActionResult> OnPostResendAsync([FromRoute] string reference, string? outboxId, string? token, CancellationToken cancellationToken) =>
        ActAsync(reference, "resend", [],
            () => actions.ResendAsync(reference, outboxId, token, Actor, cancellationToken), cancellationToken);

    /// <summary>The messages shown after a successful action (its redirect carries only the key).</summary>
    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["reassign"] = "Reassigned: the new assignee has been e-mailed and has its own deadline.",
        ["note"] = "Note added.",
        ["close"] = "Closed: reminders and escalations are stopped.",
        ["spam"] = "Marked as spam and closed; it no longer shows in the default lists.",
        ["resend"] = "The e-mail was sent again.",
    };

    private string Actor => User.Identity?.Name is { Length: > 0 } name ? name : "console";

    private async Task<IActionResult> ActAsync(
        string reference, string action, Dictionary<string, string?> entered, Func<Task<ConsoleActionResult>> act, CancellationToken cancellationToken)
    {
        if (!InquiryReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var result = await act();
        switch (result)
        {
            case ConsoleActionResult.Done:
                // Post/redirect/get: a reload does not repeat the action.
                return RedirectToPage("/Admin/Inquiry", null, new { reference, done = action }, action == "note" ? "notes-title" : "actions-title");
            case ConsoleActionResult.NotFound:
                return NotFound();
            case ConsoleActionResult.Invalid invalid:
                Message = invalid.Message;
                ErrorField = invalid.Field;
                foreach (var (key, value) in entered)
                {
                    Entered[key] = value;
                }

                return await ShowAsync(reference, StatusCodes.Status400BadRequest, cancellationToken);
            case ConsoleActionResult.Conflict conflict:
                Message = conflict.Message;
                return await ShowAsync(reference, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(string reference, int status, CancellationToken cancellationToken)
    {
        var detail = InquiryReference.IsWellFormed(reference) ? await browser.GetDetailAsync(reference, cancellationToken) : null;
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        var closure = closures.GetAsync(reference, cancellationToken);
        var history = actions.HistoryAsync(reference, cancellationToken);
        var tables = routing.GetLiveAsync(cancellationToken).AsTask();
        await Task.WhenAll(closure, history, tables);
        Closure = await closure;
        History = await history;
        var current = detail.Current?.Assignee.Id;
        Entities = (await tables).Entities.Where(e => e.Active && e.Id != current).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Response.StatusCode = status;
        return Page();
    }
}
