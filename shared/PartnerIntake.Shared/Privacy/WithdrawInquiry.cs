using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Privacy;

/// <summary>What a withdrawal link found or did; expected failures are results, not exceptions.</summary>
public abstract record WithdrawalResult
{
    /// <summary>The link is valid and the inquiry can be withdrawn (GET: nothing has changed).</summary>
    public sealed record Ready(string Reference) : WithdrawalResult;

    /// <summary>This request withdrew the inquiry and erased the partner's data.</summary>
    public sealed record Withdrawn(string Reference) : WithdrawalResult;

    /// <summary>Withdrawn before (a replayed link, a second click): nothing changed.</summary>
    public sealed record AlreadyWithdrawn(string Reference) : WithdrawalResult;

    /// <summary>Tampered, malformed, expired or for another purpose, or the inquiry is gone: nothing changed.</summary>
    public sealed record NotValid(LinkCheck Check) : WithdrawalResult;

    /// <summary>No eraser is configured in this app: nothing changed (see <see cref="WithdrawInquiry"/>).</summary>
    public sealed record Unavailable : WithdrawalResult;
}

/// <summary>
/// The partner withdraws their inquiry from the acknowledgement's signed link. The inquiry is closed with the outcome
/// "withdrawn" through the console's closing columns, so its reminders and escalation stop; the current assignee is
/// told once (a deterministic outbox id); the partner's personal data is erased; the operator audit records it with
/// the reference only. The audit entry is written last and marks the withdrawal done: a request that died half-way
/// is finished by the next one (every step is idempotent), and one after it changes nothing.
/// </summary>
public sealed partial class WithdrawInquiry(
    ActionLinks links,
    IInquiryStore inquiries,
    IAssignmentStore assignments,
    IInquiryClosures closures,
    IDueActions due,
    IRoutingTablesSource routingTables,
    InquiryMails mails,
    MailSender sender,
    IOperatorAudit audit,
    TimeProvider time,
    ILogger<WithdrawInquiry> logger,
    IPersonalDataEraser? eraser = null)
{
    /// <summary>Who acts, in the audit and the eraser's record: the partner, through their link (never their name or address).</summary>
    public const string Actor = "partner:withdrawal-link";

    public const string AuditAction = "withdraw";

    /// <summary>What the link would do, without changing anything (mail scanners prefetch GETs).</summary>
    public async Task<WithdrawalResult> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (check, reference) = WithdrawalLinks.Verify(links, token);
        if (reference is null)
        {
            return new WithdrawalResult.NotValid(check);
        }

        if (await inquiries.GetProgressAsync(reference, cancellationToken) is null)
        {
            return new WithdrawalResult.NotValid(LinkCheck.Malformed);
        }

        return await IsDoneAsync(reference, cancellationToken)
            ? new WithdrawalResult.AlreadyWithdrawn(reference)
            : new WithdrawalResult.Ready(reference);
    }

    public async Task<WithdrawalResult> WithdrawAsync(string? token, CancellationToken cancellationToken)
    {
        var checkResult = await CheckAsync(token, cancellationToken);
        if (checkResult is not WithdrawalResult.Ready { Reference: var reference })
        {
            return checkResult;
        }

        if (eraser is null)
        {
            return new WithdrawalResult.Unavailable();
        }

        // An inquiry an operator closed already keeps its outcome and its assignee is not bothered; the data goes all the same.
        var closure = await closures.GetAsync(reference, cancellationToken);
        if (closure is null)
        {
            await CloseAsync(reference, cancellationToken);
        }

        var closedByOperator = closure is not null && closure.Outcome != InquiryOutcome.Withdrawn;
        var told = closedByOperator || await TellAssigneeAsync(reference, cancellationToken);

        var report = await eraser.EraseInquiryAsync(reference, Actor, cancellationToken);
        await audit.AppendAsync(new OperatorAction(InquiryActions.Scope(reference), time.GetUtcNow(), Actor, AuditAction, reference,
            $"{report.Total} personal records erased" + (told ? "" : "; the notice to the assignee is not sent yet: resend it from this page"), null), cancellationToken);
        LogWithdrawn(reference, report.Total);
        return new WithdrawalResult.Withdrawn(reference);
    }

    private async Task<bool> IsDoneAsync(string reference, CancellationToken cancellationToken) =>
        (await audit.ListAsync(InquiryActions.Scope(reference), 500, cancellationToken)).Any(a => a.Action == AuditAction);

    private async Task CloseAsync(string reference, CancellationToken cancellationToken)
    {
        await closures.CloseAsync(reference, new InquiryClosure(InquiryOutcome.Withdrawn, time.GetUtcNow(), Actor), cancellationToken);

        // As the console's closing does: a withdrawn inquiry gets no reminder and is not escalated.
        if ((await assignments.ListAsync(reference, cancellationToken)).LastOrDefault() is { } current)
        {
            if (current.ReminderDueAt is { } reminder)
            {
                await due.CompleteAsync(new DueAction(reminder, reference, current.Sequence, DueKind.Reminder), cancellationToken);
            }

            if (current.EscalationDueAt is { } escalation)
            {
                await due.CompleteAsync(new DueAction(escalation, reference, current.Sequence, DueKind.Escalation), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The entity holding the inquiry (pending or accepted) learns it was withdrawn; one handing it on holds it no more.
    /// False when the notice could not be sent now: it stays in the outbox, and the console's inquiry page resends it.
    /// </summary>
    private async Task<bool> TellAssigneeAsync(string reference, CancellationToken cancellationToken)
    {
        var current = (await assignments.ListAsync(reference, cancellationToken)).LastOrDefault();
        if (current?.State is not (AssignmentState.Pending or AssignmentState.Accepted))
        {
            return true;
        }

        try
        {
            if (await inquiries.GetAsync(reference, cancellationToken) is not { } inquiry)
            {
                return true;
            }

            var tables = await routingTables.GetLiveAsync(cancellationToken);
            await sender.SendOnceAsync(mails.Withdrawn(inquiry, current, tables.Entity(current.Assignee.Id)?.Languages), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is InquiryUnreadableException or MailInFlightException or MailRejectedException
            or HttpRequestException or TimeoutException or IOException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The partner's withdrawal and erasure do not wait for the mail provider; the audit entry says the notice is owed.
            LogNoticeNotSent(ex, reference);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} withdrawn by the partner; {Erased} personal records erased")]
    private partial void LogWithdrawn(string reference, int erased);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Reference}: the withdrawal notice to the assignee was not sent; resend it from the console")]
    private partial void LogNoticeNotSent(Exception exception, string reference);
}
