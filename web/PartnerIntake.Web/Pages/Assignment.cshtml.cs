using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Web.Links;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages;

/// <summary>What the assignment page shows.</summary>
public enum AssignmentPageView
{
    Form,
    Done,
    AlreadyDone,
    NotFound,
    Expired,
    NotValid,
}

/// <summary>
/// The page behind an assignment e-mail's signed links. GET only shows a confirmation with one button (mail scanners
/// prefetch links; a GET never changes anything); the form's POST accepts, redirects or declines. A tampered, expired
/// or used link gets a clear page and changes nothing. No antiforgery token: the signed token in the URL is the
/// credential, and a forger would need it anyway.
/// The token is bound from the route only: a form field named "token" must not stand in for the URL's.
/// </summary>
[PageLanguage(typeof(AssignmentPageLanguage))]
[IgnoreAntiforgeryToken]
public sealed class AssignmentModel(
    ActionLinks links, AssignmentLifecycle lifecycle, IAssignmentStore assignments, IInquiryStore inquiries, IRoutingTablesSource tables)
    : PageModel
{
    /// <summary>The reason travels in e-mails and the audit trail: plain text, one table cell.</summary>
    public const int MaxReasonLength = AssignmentLifecycle.MaxReasonLength;

    public AssignmentPageView View { get; private set; }

    public string Action { get; private set; } = "";

    public Inquiry? Inquiry { get; private set; }

    public InquiryAssignment? Assignment { get; private set; }

    /// <summary>For a redirect: the active entities other than the assignee, by name.</summary>
    public IReadOnlyList<MovementEntity> Targets { get; private set; } = [];

    /// <summary>The assignment's state after this request (done or already done).</summary>
    public string State { get; private set; } = "";

    /// <summary>After a redirect: whom to.</summary>
    public string? RedirectedTo { get; private set; }

    /// <summary>The field in error (reason, redirectTo) and the resource key of its message.</summary>
    public (string Field, string MessageKey)? Error { get; private set; }

    public string Reason { get; private set; } = "";

    public string RedirectTo { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // a body that cannot be read (a broken multipart form): the 400 error page
        }

        var claim = Check(token);
        if (claim is null)
        {
            return Page();
        }

        Assignment = await assignments.GetAsync(claim.Reference, claim.Sequence, cancellationToken);
        Inquiry = await inquiries.GetAsync(claim.Reference, cancellationToken);
        if (Assignment is null || Inquiry is null)
        {
            return Show(AssignmentPageView.NotFound, StatusCodes.Status404NotFound);
        }

        if (AssignmentStateMachine.Next(Assignment.State, claim.Action) is null)
        {
            State = Assignment.State;
            return Show(AssignmentPageView.AlreadyDone, StatusCodes.Status409Conflict);
        }

        return await FormAsync(StatusCodes.Status200OK, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // a body that cannot be read (a broken multipart form): the 400 error page
        }

        var claim = Check(token);
        if (claim is null)
        {
            return Page();
        }

        var takesReason = claim.Action != AssignmentAction.Accept;
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : null;
        Reason = takesReason ? form?["reason"].ToString() ?? "" : "";
        RedirectTo = claim.Action == AssignmentAction.Redirect ? form?["redirectTo"].ToString() ?? "" : "";

        Assignment = await assignments.GetAsync(claim.Reference, claim.Sequence, cancellationToken);
        if (Assignment is null)
        {
            return Show(AssignmentPageView.NotFound, StatusCodes.Status404NotFound);
        }

        // A used link says so before any field is judged, as the lifecycle would.
        if (AssignmentStateMachine.Next(Assignment.State, claim.Action) is null)
        {
            State = Assignment.State;
            return Show(AssignmentPageView.AlreadyDone, StatusCodes.Status409Conflict);
        }

        if (takesReason && !AssignmentLifecycle.IsPlainReason(Reason))
        {
            Error = ("reason", "AssignmentReasonInvalid");
            return await FormAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var source = $"link:{claim.Action}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12]}";
        var outcome = await lifecycle.ActAsync(new ActRequest(claim.Reference, claim.Sequence, claim.Action,
            $"entity:{Assignment.Assignee.Id}", source, string.IsNullOrWhiteSpace(Reason) ? null : Reason,
            string.IsNullOrWhiteSpace(RedirectTo) ? null : RedirectTo), cancellationToken);

        switch (outcome)
        {
            case ActOutcome.Done done:
                State = done.State;
                if (done.State == AssignmentState.Redirected)
                {
                    RedirectedTo = (await tables.GetLiveAsync(cancellationToken)).Entity(RedirectTo)?.Name ?? RedirectTo;
                }

                return Show(AssignmentPageView.Done, StatusCodes.Status200OK);
            case ActOutcome.AlreadyDone already:
                State = already.State;
                return Show(AssignmentPageView.AlreadyDone, StatusCodes.Status409Conflict);
            case ActOutcome.Invalid invalid:
                Error = (invalid.Field, invalid.Field switch
                {
                    "reason" => "AssignmentReasonRequired",
                    _ when RedirectTo == Assignment.Assignee.Id => "AssignmentRedirectSame",
                    _ => "AssignmentRedirectChoose",
                });
                return await FormAsync(StatusCodes.Status400BadRequest, cancellationToken);
            default:
                return Show(AssignmentPageView.NotFound, StatusCodes.Status404NotFound);
        }
    }

    /// <summary>The claim of a link this page serves; otherwise the page is set to say why (400 or 410) and null.</summary>
    private ActionClaim? Check(string token)
    {
        var (status, claim) = AssignmentLink.Check(links, token);
        switch (status)
        {
            case AssignmentLinkStatus.Valid:
                Action = claim!.Action;
                return claim;
            case AssignmentLinkStatus.Expired:
                Show(AssignmentPageView.Expired, StatusCodes.Status410Gone);
                return null;
            default:
                Show(AssignmentPageView.NotValid, StatusCodes.Status400BadRequest);
                return null;
        }
    }

    private async Task<IActionResult> FormAsync(int status, CancellationToken cancellationToken)
    {
        Inquiry ??= await inquiries.GetAsync(Assignment!.Reference, cancellationToken);
        if (Inquiry is null)
        {
            return Show(AssignmentPageView.NotFound, StatusCodes.Status404NotFound);
        }

        if (Action == AssignmentAction.Redirect)
        {
            Targets = (await tables.GetLiveAsync(cancellationToken)).Entities
                .Where(e => e.Active && e.Id != Assignment!.Assignee.Id)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }

        return Show(AssignmentPageView.Form, status);
    }

    private PageResult Show(AssignmentPageView view, int status)
    {
        View = view;
        Response.StatusCode = status;
        return Page();
    }
}
