using PartnerIntake.Shared.Hosting;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Functions.Assignment;

/// <summary>
/// AssignmentAction: the pages behind the e-mail's signed links. GET only shows a confirmation with
/// one button (mail scanners prefetch links; a GET never changes state); the form's POST acts.
/// A tampered, expired or used link gets a clear page and changes nothing.
/// </summary>
public static class AssignmentPages
{
    public static IEndpointRouteBuilder MapAssignmentPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assignments/{token}", ShowAsync).WithName("AssignmentActionPage");
        app.MapPost("/api/assignments/{token}", ActAsync).WithName("AssignmentAction").DisableAntiforgery();
        app.MapGet("/api/inquiries/{reference}/trail", TrailAsync).WithName("InquiryTrail").AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    public static async Task<IResult> ShowAsync(
        string token, ActionLinks links, IAssignmentStore assignments, IInquiryStore inquiries, IRoutingTablesSource tables, CancellationToken cancellationToken)
    {
        var (problem, claim) = Check(links, token);
        if (problem is not null)
        {
            return problem;
        }

        var assignment = await assignments.GetAsync(claim!.Reference, claim.Sequence, cancellationToken);
        var inquiry = await inquiries.GetAsync(claim.Reference, cancellationToken);
        if (assignment is null || inquiry is null)
        {
            return Page(404, "Not found", "<p>This assignment no longer exists.</p>");
        }

        if (AssignmentStateMachine.Next(assignment.State, claim.Action) is null)
        {
            return Used(assignment);
        }

        return Page(200, Title(claim.Action), Form(claim.Action, inquiry, assignment, await tables.GetLiveAsync(cancellationToken), null));
    }

    public static async Task<IResult> ActAsync(
        string token, HttpRequest request, ActionLinks links, AssignmentLifecycle lifecycle, IAssignmentStore assignments,
        IInquiryStore inquiries, IRoutingTablesSource tables, CancellationToken cancellationToken)
    {
        var (problem, claim) = Check(links, token);
        if (problem is not null)
        {
            return problem;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var reason = form?["reason"].ToString();
        var redirectTo = form?["redirectTo"].ToString();
        var current = await assignments.GetAsync(claim!.Reference, claim.Sequence, cancellationToken);
        var source = $"link:{claim.Action}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12]}";
        var outcome = await lifecycle.ActAsync(new ActRequest(claim.Reference, claim.Sequence, claim.Action,
            $"entity:{current?.Assignee.Id ?? "unknown"}", source, string.IsNullOrWhiteSpace(reason) ? null : reason,
            string.IsNullOrWhiteSpace(redirectTo) ? null : redirectTo), cancellationToken);

        switch (outcome)
        {
            case ActOutcome.Done done:
                var live = await tables.GetLiveAsync(cancellationToken);
                var message = done.State switch
                {
                    AssignmentState.Accepted => "<p>Thank you: you have accepted this inquiry. The partner has been told who will contact them; please write to them soon.</p>",
                    AssignmentState.Redirected => $"<p>Thank you: the inquiry has been redirected to {Html(live.Entity(redirectTo!)?.Name ?? redirectTo!)}, who has been sent it with its history.</p>",
                    _ => "<p>Thank you: the inquiry has been declined and passed to the next entity, with your reason.</p>",
                };
                return Page(200, "Done", message);
            case ActOutcome.AlreadyDone:
                return Used((await assignments.GetAsync(claim.Reference, claim.Sequence, cancellationToken))!);
            case ActOutcome.Invalid invalid:
                var inquiry = await inquiries.GetAsync(claim.Reference, cancellationToken);
                return Page(400, Title(claim.Action), Form(claim.Action, inquiry!, current!, await tables.GetLiveAsync(cancellationToken), invalid.Reason));
            default:
                return Page(404, "Not found", "<p>This assignment no longer exists.</p>");
        }
    }

    public static async Task<IResult> TrailAsync(string reference, IAssignmentStore assignments, IAuditTrail audit, IInquiryStore inquiries, CancellationToken cancellationToken)
    {
        var progress = InquiryReference.IsWellFormed(reference) ? await inquiries.GetProgressAsync(reference, cancellationToken) : null;
        if (progress is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such inquiry");
        }

        return TypedResults.Ok(new
        {
            reference,
            status = progress.Status,
            assignments = await assignments.ListAsync(reference, cancellationToken),
            trail = await audit.ListAsync(reference, cancellationToken),
        });
    }

    private static (IResult? Problem, ActionClaim? Claim) Check(ActionLinks links, string token)
    {
        var (check, claim) = links.Verify(token);
        return check switch
        {
            LinkCheck.Valid when AssignmentAction.FromLinks.Contains(claim!.Action) => (null, claim),
            LinkCheck.Expired => (Page(410, "Link expired", "<p>This link has expired. Please ask partnerships triage to send the inquiry again.</p>"), null),
            _ => (Page(400, "Link not valid", "<p>This link is not valid: it may have been cut or changed. Nothing was changed. Please use the link exactly as it came in the e-mail.</p>"), null),
        };
    }

    private static IResult Used(InquiryAssignment assignment) =>
        Page(409, "Already done", $"<p>This link has been used or is no longer needed: the assignment is now <strong>{Html(assignment.State)}</strong>. Nothing was changed.</p>");

    private static string Title(string action) => action switch
    {
        AssignmentAction.Accept => "Accept this inquiry",
        AssignmentAction.Redirect => "Redirect this inquiry",
        _ => "Decline this inquiry",
    };

    private static string Form(string action, Inquiry inquiry, InquiryAssignment assignment, RoutingTables tables, string? error)
    {
        var s = inquiry.Submission;
        var b = new StringBuilder();
        b.Append($"<p>Partner inquiry <strong>{Html(inquiry.Reference)}</strong> from {Html(s.Organization.Name)} ({Html(s.Organization.Country)}), about {Html(string.Join(", ", s.Topics))}, assigned to {Html(assignment.Assignee.Name)}.</p>");
        if (error is not null)
        {
            b.Append($"<div role=\"alert\" class=\"error\"><p>{Html(error)}</p></div>");
        }

        b.Append("<form method=\"post\">");
        if (action == AssignmentAction.Redirect)
        {
            b.Append("<p><label for=\"redirectTo\">Redirect to</label><br><select id=\"redirectTo\" name=\"redirectTo\" required><option value=\"\">Choose an entity</option>");
            foreach (var entity in tables.Entities.Where(e => e.Active && e.Id != assignment.Assignee.Id).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                b.Append($"<option value=\"{Html(entity.Id)}\">{Html(entity.Name)} ({Html(entity.Kind.Replace('-', ' '))})</option>");
            }

            b.Append("</select></p>");
        }

        if (action != AssignmentAction.Accept)
        {
            b.Append("<p><label for=\"reason\">Reason</label><br><textarea id=\"reason\" name=\"reason\" rows=\"4\" cols=\"60\" required maxlength=\"2000\"></textarea></p>");
        }

        b.Append($"<p><button type=\"submit\">{Html(Title(action))}</button></p></form>");
        return b.ToString();
    }

    private static IResult Page(int status, string title, string body)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{Html(title)}} · PartnerIntake</title>
            <style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5}.error{border-left:4px solid #d33;padding-left:1em}button{font-size:1em;padding:.5em 1em}:focus{outline:3px solid #36c}</style>
            </head><body><main><h1>{{Html(title)}}</h1>{{body}}</main></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Html(string value) => HtmlEncoder.Default.Encode(value);
}
