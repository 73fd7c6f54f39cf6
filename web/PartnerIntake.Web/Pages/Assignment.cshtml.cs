using System.Globalization;
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

    /// <summary>The inquiry was closed (withdrawn by the partner, or by the partnerships team): no action is taken on it.</summary>
    Closed,
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
/// Once accepted, the accept link's page shows the partner's contact (to whoever holds that link, while it is valid):
/// the entity is to write to them. The decline page says where a decline sends the inquiry and links to the redirect form.
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

    /// <summary>For a redirect: the active entities other than the assignee, the likely ones first, then by kind and name.</summary>
    public IReadOnlyList<RedirectGroup> Targets { get; private set; } = [];

    /// <summary>Whether the page shows the partner's contact: the accept link of an accepted assignment.</summary>
    public bool ShowContact { get; private set; }

    /// <summary>For a decline: where it sends the inquiry (null: nobody is left in line).</summary>
    public MovementEntity? DeclineGoesTo { get; private set; }

    /// <summary>For a decline: the same assignment's redirect form, signed like the e-mail's own link.</summary>
    public string? RedirectLink { get; private set; }

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

        if (Inquiry.Status == InquiryStatus.Closed)
        {
            Inquiry = null; // a closed (perhaps erased) inquiry shows nothing of the partner
            return Show(AssignmentPageView.Closed, StatusCodes.Status409Conflict);
        }

        if (AssignmentStateMachine.Next(Assignment.State, claim.Action) is null)
        {
            State = Assignment.State;
            ShowContact = claim.Action == AssignmentAction.Accept && State == AssignmentState.Accepted;
            return Show(AssignmentPageView.AlreadyDone, StatusCodes.Status409Conflict);
        }

        return await FormAsync(claim, StatusCodes.Status200OK, cancellationToken);
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

        // Closed means closed: a withdrawn inquiry's partner data is gone, and an operator's outcome stands.
        if ((await inquiries.GetAsync(claim.Reference, cancellationToken))?.Status == InquiryStatus.Closed)
        {
            return Show(AssignmentPageView.Closed, StatusCodes.Status409Conflict);
        }

        // A used link says so before any field is judged, as the lifecycle would.
        if (AssignmentStateMachine.Next(Assignment.State, claim.Action) is null)
        {
            State = Assignment.State;
            ShowContact = claim.Action == AssignmentAction.Accept && State == AssignmentState.Accepted;
            Inquiry = ShowContact ? await inquiries.GetAsync(claim.Reference, cancellationToken) : null;
            return Show(AssignmentPageView.AlreadyDone, StatusCodes.Status409Conflict);
        }

        if (takesReason && !AssignmentLifecycle.IsPlainReason(Reason))
        {
            Error = ("reason", "AssignmentReasonInvalid");
            return await FormAsync(claim, StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (claim.Action == AssignmentAction.Decline)
        {
            // Where it goes is worked out before the decline, as the hand-on will (it has not happened yet).
            DeclineGoesTo = await DeclineTargetAsync(Assignment, cancellationToken);
        }

        var source = $"link:{claim.Action}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12]}";
        var outcome = await lifecycle.ActAsync(new ActRequest(claim.Reference, claim.Sequence, claim.Action,
            $"entity:{Assignment.Assignee.Id}", source, string.IsNullOrWhiteSpace(Reason) ? null : Reason,
            string.IsNullOrWhiteSpace(RedirectTo) ? null : RedirectTo), cancellationToken);

        switch (outcome)
        {
            case ActOutcome.Done done:
                State = done.State;
                if (done.State == AssignmentState.Accepted)
                {
                    ShowContact = true;
                    Inquiry = await inquiries.GetAsync(claim.Reference, cancellationToken);
                }
                else if (done.State == AssignmentState.Redirected)
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
                return await FormAsync(claim, StatusCodes.Status400BadRequest, cancellationToken);
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

    private async Task<IActionResult> FormAsync(ActionClaim claim, int status, CancellationToken cancellationToken)
    {
        Inquiry ??= await inquiries.GetAsync(Assignment!.Reference, cancellationToken);
        if (Inquiry is null)
        {
            return Show(AssignmentPageView.NotFound, StatusCodes.Status404NotFound);
        }

        if (Action == AssignmentAction.Redirect)
        {
            Targets = RedirectChoices.For(Inquiry, Assignment!, await tables.GetLiveAsync(cancellationToken), CultureInfo.CurrentUICulture);
        }
        else if (Action == AssignmentAction.Decline)
        {
            DeclineGoesTo = await DeclineTargetAsync(Assignment!, cancellationToken);
            // The e-mail that held the decline link held the redirect link too: this is the same grant, with the same expiry.
            RedirectLink = "/assignments/" + links.Token(claim.Reference, claim.Sequence, AssignmentAction.Redirect, claim.ExpiresAt);
        }

        return Show(AssignmentPageView.Form, status);
    }

    /// <summary>The entity a decline would hand the inquiry to, as the lifecycle chooses it; null when nobody is left.</summary>
    private async Task<MovementEntity?> DeclineTargetAsync(InquiryAssignment assignment, CancellationToken cancellationToken) =>
        AssignmentLifecycle.NextCandidate(
            assignment, await assignments.ListAsync(assignment.Reference, cancellationToken), await tables.GetLiveAsync(cancellationToken));

    private PageResult Show(AssignmentPageView view, int status)
    {
        View = view;
        Response.StatusCode = status;
        return Page();
    }
}
