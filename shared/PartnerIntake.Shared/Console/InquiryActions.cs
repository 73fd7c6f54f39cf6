using System.Text.RegularExpressions;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Console;

/// <summary>What became of an operator's action on an inquiry; expected failures are results, not exceptions.</summary>
public abstract record ConsoleActionResult
{
    public sealed record Done(string Message) : ConsoleActionResult;

    /// <summary>The input is wrong: <see cref="Field"/> names the form field.</summary>
    public sealed record Invalid(string Field, string Message) : ConsoleActionResult;

    public sealed record NotFound : ConsoleActionResult;

    /// <summary>The inquiry is not in a state that allows this (closed, being handed on, already done).</summary>
    public sealed record Conflict(string Message) : ConsoleActionResult;
}

/// <summary>The closing columns of an inquiry row (the console's write; the rest of the row is the intake's).</summary>
public interface IInquiryClosures
{
    Task CloseAsync(string reference, InquiryClosure closure, CancellationToken cancellationToken);

    Task<InquiryClosure?> GetAsync(string reference, CancellationToken cancellationToken);
}

/// <summary>A stored outbox message with its body, as it was sent (for sending it again).</summary>
public interface IStoredMails
{
    Task<OutboundMail?> GetAsync(string outboxId, CancellationToken cancellationToken);
}

/// <summary>The affiliates' action path (accept, redirect, decline), which the console reuses for reassigning.</summary>
public interface IAssignmentActions
{
    Task<ActOutcome> ActAsync(ActRequest request, CancellationToken cancellationToken);
}

/// <summary>Thin adapter: the console redirects through <see cref="AssignmentLifecycle"/>, so the next assignee gets its mail and SLA.</summary>
public sealed class LifecycleAssignmentActions(AssignmentLifecycle lifecycle) : IAssignmentActions
{
    public Task<ActOutcome> ActAsync(ActRequest request, CancellationToken cancellationToken) => lifecycle.ActAsync(request, cancellationToken);
}

/// <summary>
/// What an operator can do to an inquiry from the console: reassign it, add an internal note, close it with an
/// outcome (spam is one), and send one of its e-mails again. Every action is written to the operator audit
/// (OperatorActions, scope <c>inquiry:{reference}</c>) with the operator's name; free text is the operator's reason or
/// note only, never the partner's details.
/// </summary>
public sealed partial class InquiryActions(
    IInquiryStore inquiries,
    IAssignmentStore assignments,
    IAssignmentActions assignmentActions,
    IInquiryClosures closures,
    IDueActions due,
    IStoredMails storedMails,
    MailSender sender,
    IOperatorAudit audit,
    TimeProvider time,
    Privacy.RetentionSchedule? retention = null)
{
    public const int MaxTextLength = AssignmentLifecycle.MaxReasonLength;
    public const string Source = "console";
    private const string ResendMarker = ".resend-";

    public static string Scope(string reference) => "inquiry:" + reference;

    /// <summary>A fresh token for one resend button: a double click or a reload posts the same one and sends once.</summary>
    public static string NewResendToken() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>The operator actions on this inquiry, newest first (notes included).</summary>
    public Task<IReadOnlyList<OperatorAction>> HistoryAsync(string reference, CancellationToken cancellationToken) =>
        audit.ListAsync(Scope(reference), 500, cancellationToken);

    /// <summary>
    /// Hands the inquiry to another entity as an affiliate's redirect would (the current assignment ends as redirected
    /// by the operator; the new assignee gets the assignment mail and its own SLA).
    /// </summary>
    public async Task<ConsoleActionResult> ReassignAsync(string reference, string? entityId, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (await inquiries.GetProgressAsync(reference, cancellationToken) is not { } progress)
        {
            return new ConsoleActionResult.NotFound();
        }

        if (progress.Status == InquiryStatus.Closed)
        {
            return new ConsoleActionResult.Conflict("The inquiry is closed: it cannot be reassigned.");
        }

        if (string.IsNullOrWhiteSpace(entityId))
        {
            return new ConsoleActionResult.Invalid("entity", "Choose the entity to reassign the inquiry to.");
        }

        if (CheckText(reason, "reason", required: true) is { } invalid)
        {
            return invalid;
        }

        var current = (await assignments.ListAsync(reference, cancellationToken)).LastOrDefault();
        if (current is null || current.State is not (AssignmentState.Pending or AssignmentState.Accepted))
        {
            return new ConsoleActionResult.Conflict(current is null
                ? "The inquiry has not been routed yet: there is no assignment to hand on."
                : $"The current assignment is {current.State} and is being handed on; reload in a minute.");
        }

        var outcome = await assignmentActions.ActAsync(
            new ActRequest(reference, current.Sequence, AssignmentAction.Redirect, Actors.Operator(actor), Source, reason!.Trim(), entityId.Trim()),
            cancellationToken);
        switch (outcome)
        {
            case ActOutcome.Done:
                await audit.AppendAsync(new OperatorAction(Scope(reference), time.GetUtcNow(), actor, "reassign", reference,
                    $"{current.Assignee.Id} → {entityId.Trim()}", reason.Trim()), cancellationToken);
                return new ConsoleActionResult.Done($"Reassigned: {current.Assignee.Name} is relieved of it; the new assignee has been e-mailed.");
            case ActOutcome.Invalid bad:
                return new ConsoleActionResult.Invalid(bad.Field == "redirectTo" ? "entity" : bad.Field, bad.Reason);
            case ActOutcome.AlreadyDone already:
                return new ConsoleActionResult.Conflict($"The assignment changed meanwhile (it is {already.State} now); reload and try again.");
            default:
                return new ConsoleActionResult.NotFound();
        }
    }

    /// <summary>An internal note: shown on the console's inquiry page only.</summary>
    public async Task<ConsoleActionResult> AddNoteAsync(string reference, string? note, string actor, CancellationToken cancellationToken)
    {
        if (await inquiries.GetProgressAsync(reference, cancellationToken) is null)
        {
            return new ConsoleActionResult.NotFound();
        }

        if (CheckText(note, "note", required: true) is { } invalid)
        {
            return invalid;
        }

        await audit.AppendAsync(new OperatorAction(Scope(reference), time.GetUtcNow(), actor, "note", reference, null, note!.Trim()), cancellationToken);
        return new ConsoleActionResult.Done("Note added.");
    }

    /// <summary>
    /// Closes the inquiry with an outcome: its reminders and escalation are cancelled, the partner's status says
    /// "closed" (never the outcome), and spam leaves the default lists.
    /// </summary>
    public async Task<ConsoleActionResult> CloseAsync(string reference, string? outcome, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (await inquiries.GetProgressAsync(reference, cancellationToken) is not { } progress)
        {
            return new ConsoleActionResult.NotFound();
        }

        if (outcome is null || !InquiryOutcome.All.Contains(outcome))
        {
            return new ConsoleActionResult.Invalid("outcome", "Choose an outcome: " + string.Join(", ", InquiryOutcome.All.Select(InquiryOutcome.Label)) + ".");
        }

        if (CheckText(reason, "reason", required: false) is { } invalid)
        {
            return invalid;
        }

        if (progress.Status == InquiryStatus.Closed)
        {
            return new ConsoleActionResult.Conflict("The inquiry is closed already.");
        }

        var now = time.GetUtcNow();
        await closures.CloseAsync(reference, new InquiryClosure(outcome, now, actor), cancellationToken);
        await (retention?.InquiryClosedAsync(reference, progress.ReceivedAt, now, cancellationToken) ?? Task.CompletedTask);

        // The deadlines of the assignment it was with: a closed inquiry gets no reminder and is not escalated.
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

        await audit.AppendAsync(new OperatorAction(Scope(reference), now, actor, outcome == InquiryOutcome.Spam ? "mark-spam" : "close", reference,
            outcome, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), cancellationToken);
        return new ConsoleActionResult.Done(outcome == InquiryOutcome.Spam
            ? "Marked as spam and closed; it no longer shows in the default lists."
            : $"Closed: {InquiryOutcome.Label(outcome)}.");
    }

    /// <summary>Marking spam is closing with the outcome spam.</summary>
    public Task<ConsoleActionResult> MarkSpamAsync(string reference, string actor, CancellationToken cancellationToken) =>
        CloseAsync(reference, InquiryOutcome.Spam, null, actor, cancellationToken);

    /// <summary>
    /// Sends one of the inquiry's e-mails again, unchanged, through the outbox as a new message
    /// (<c>{original}.resend-{token}</c>): the same <paramref name="token"/> (one click, or its repeat) sends once.
    /// </summary>
    public async Task<ConsoleActionResult> ResendAsync(string reference, string? outboxId, string? token, string actor, CancellationToken cancellationToken)
    {
        if (token is null || !TokenPattern().IsMatch(token))
        {
            return new ConsoleActionResult.Invalid("token", "The form is out of date: reload the page and press Resend again.");
        }

        if (outboxId is null || outboxId.Length > 300 || !OutboxIdPattern().IsMatch(outboxId) || !outboxId.StartsWith(reference + ".", StringComparison.Ordinal)
            || await storedMails.GetAsync(outboxId, cancellationToken) is not { } mail)
        {
            return new ConsoleActionResult.NotFound();
        }

        var cut = outboxId.IndexOf(ResendMarker, StringComparison.Ordinal);
        var resendId = (cut > 0 ? outboxId[..cut] : outboxId) + ResendMarker + token;
        bool sent;
        try
        {
            sent = await sender.SendOnceAsync(mail with { OutboxId = resendId }, cancellationToken);
        }
        catch (MailInFlightException)
        {
            return new ConsoleActionResult.Conflict("This resend is being sent right now.");
        }
        catch (MailRejectedException)
        {
            return new ConsoleActionResult.Conflict("The mail provider refused the message for good; it was not sent again.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConsoleActionResult.Conflict("The mail provider could not be reached; the copy stays in the outbox and is retried.");
        }

        if (!sent)
        {
            return new ConsoleActionResult.Done("That copy was sent already (one click sends once).");
        }

        await audit.AppendAsync(new OperatorAction(Scope(reference), time.GetUtcNow(), actor, "resend", resendId, outboxId, null), cancellationToken);
        return new ConsoleActionResult.Done($"Sent again: {mail.Kind} e-mail.");
    }

    private static ConsoleActionResult.Invalid? CheckText(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? new ConsoleActionResult.Invalid(field, "Write a few words: the record should say why.") : null;
        }

        return AssignmentLifecycle.IsPlainReason(text.Trim())
            ? null
            : new ConsoleActionResult.Invalid(field, $"Plain text of at most {MaxTextLength} characters.");
    }

    // Outbox ids are references, kinds, sequences and tokens: nothing a table key could choke on.
    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex OutboxIdPattern();

    [GeneratedRegex("^[a-z0-9]{8,32}$")]
    private static partial Regex TokenPattern();
}
