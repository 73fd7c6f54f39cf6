using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Telemetry;

namespace PartnerIntake.Shared.Assignment;

public sealed record ActRequest(string Reference, int Sequence, string Action, string Actor, string Source, string? Reason = null, string? RedirectTo = null);

public abstract record ActOutcome
{
    public sealed record Done(InquiryAssignment Assignment, string State) : ActOutcome;

    /// <summary>The assignment had moved on already (a used link, a concurrent action): nothing changed.</summary>
    public sealed record AlreadyDone(string State) : ActOutcome;

    public sealed record NotFound : ActOutcome;

    public sealed record Invalid(string Field, string Reason) : ActOutcome;
}

public sealed record DueRun(int Due, int Reminded, int Escalated, int FollowedUp);

/// <summary>
/// What happens to an assignment after routing: acceptance, redirect and decline from the e-mail's
/// links, reminders and escalation when the SLA runs out. Every step is idempotent (ETags on the
/// assignment, deterministic audit keys and outbox ids), so concurrent or repeated runs act once.
/// Handing an inquiry on is scheduled as a due follow-up before the transition, so a crash between
/// the two is finished by the next timer run.
/// </summary>
public sealed partial class AssignmentLifecycle(
    IInquiryStore inquiries,
    IAssignmentStore assignments,
    IAuditTrail audit,
    IDueActions due,
    IRoutingTablesSource routingTables,
    InquiryMails mails,
    MailSender sender,
    BusinessCalendar calendar,
    TimeProvider time,
    ILogger<AssignmentLifecycle> logger,
    IAcknowledgementCap? partnerMailCap = null,
    PartnerIntakeMetrics? metrics = null,
    Privacy.RetentionSchedule? retention = null)
{
    public const int MaxPerRun = 500;

    /// <summary>
    /// A reason travels in e-mails, the console and the audit trail: plain text, one table cell. Checked here as well as
    /// on the page, so no caller can store more (a table property holds at most 32K characters; past that the write fails).
    /// </summary>
    public const int MaxReasonLength = 2000;

    /// <summary>At most <see cref="MaxReasonLength"/> characters, and no control characters but line breaks and tabs.</summary>
    public static bool IsPlainReason(string reason) =>
        reason.Length <= MaxReasonLength && !reason.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>Starts the clock on a new assignment: its reminder at half the SLA, its escalation at the SLA.</summary>
    public InquiryAssignment WithDeadlines(InquiryAssignment assignment) =>
        assignment with
        {
            ReminderDueAt = calendar.AddBusinessDays(assignment.CreatedAt, assignment.AckSlaDays / 2.0),
            EscalationDueAt = calendar.AddBusinessDays(assignment.CreatedAt, assignment.AckSlaDays),
        };

    /// <summary>
    /// The one due row a new assignment needs: its reminder. The reminder schedules the escalation when it runs,
    /// so opening an assignment costs one write to the due index, not two.
    /// </summary>
    public DueAction FirstDeadline(InquiryAssignment assignment) =>
        assignment.ReminderDueAt is { } reminder
            ? new DueAction(reminder, assignment.Reference, assignment.Sequence, DueKind.Reminder)
            : new DueAction(assignment.EscalationDueAt ?? assignment.CreatedAt, assignment.Reference, assignment.Sequence, DueKind.Escalation);

    public AuditEntry AssignedEntry(InquiryAssignment assignment, string actor, string source) =>
        new(assignment.Reference, AuditKeys.Assigned(assignment.Sequence), assignment.CreatedAt,
            actor, "assigned", assignment.Sequence, null, AssignmentState.Pending, assignment.HandedOnBecause, source);

    /// <summary>Records a handed-on assignment and schedules its first deadline.</summary>
    public async Task OpenAsync(InquiryAssignment assignment, string actor, string source, CancellationToken cancellationToken)
    {
        await audit.AppendOnceAsync(AssignedEntry(assignment, actor, source), cancellationToken);
        await due.ScheduleAsync(FirstDeadline(assignment), cancellationToken);
    }

    public async Task<ActOutcome> ActAsync(ActRequest request, CancellationToken cancellationToken)
    {
        // Only the fields an action takes are read: an accept records no reason, only a redirect names a target,
        // whatever else was posted with the link.
        request = request with
        {
            Reason = request.Action == AssignmentAction.Accept ? null : request.Reason,
            RedirectTo = request.Action == AssignmentAction.Redirect ? request.RedirectTo : null,
        };
        var assignment = await assignments.GetAsync(request.Reference, request.Sequence, cancellationToken);
        if (assignment is null)
        {
            return new ActOutcome.NotFound();
        }

        var next = AssignmentStateMachine.Next(assignment.State, request.Action);
        if (next is null)
        {
            return new ActOutcome.AlreadyDone(assignment.State);
        }

        if (request.Action == AssignmentAction.Redirect)
        {
            var tables = await routingTables.GetLiveAsync(cancellationToken);
            if (request.RedirectTo is null || tables.Entity(request.RedirectTo) is not { Active: true } target)
            {
                return new ActOutcome.Invalid("redirectTo", "Choose an active movement entity.");
            }

            if (target.Id == assignment.Assignee.Id)
            {
                return new ActOutcome.Invalid("redirectTo", "Choose an entity other than the current assignee.");
            }
        }

        if (request.Action != AssignmentAction.Accept && string.IsNullOrWhiteSpace(request.Reason))
        {
            return new ActOutcome.Invalid("reason", "Say briefly why, so the next entity and the record know.");
        }

        if (request.Reason is { } reason && !IsPlainReason(reason))
        {
            return new ActOutcome.Invalid("reason", $"Write the reason as plain text of at most {MaxReasonLength} characters.");
        }

        var now = time.GetUtcNow();
        var followUp = new DueAction(now, assignment.Reference, assignment.Sequence, DueKind.FollowUp);
        await due.ScheduleAsync(followUp, cancellationToken);
        if (!await assignments.TryTransitionAsync(assignment, next, now, request.Actor, request.Reason?.Trim(), request.RedirectTo, cancellationToken))
        {
            var current = await assignments.GetAsync(request.Reference, request.Sequence, cancellationToken);
            return new ActOutcome.AlreadyDone(current?.State ?? assignment.State);
        }

        await audit.AppendOnceAsync(new AuditEntry(assignment.Reference, AuditKeys.Acted(assignment.Sequence, next), now, request.Actor,
            request.Action, assignment.Sequence, assignment.State, next, request.Reason?.Trim(), request.Source), cancellationToken);
        LogActed(assignment.Reference, assignment.Sequence, next, request.Source);
        await FollowUpAsync(assignment.Reference, assignment.Sequence, cancellationToken);
        await due.CompleteAsync(followUp, cancellationToken);
        return new ActOutcome.Done(assignment, next);
    }

    /// <summary>Sends reminders and escalates what is due; reads only due rows.</summary>
    public async Task<DueRun> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var items = await due.DueAsync(now, MaxPerRun, cancellationToken);
        int reminded = 0, escalated = 0, followed = 0;

        // A reminder schedules its escalation; one already due as well (the timer was stopped) is handled in this run.
        var work = new Queue<DueAction>(items);
        while (work.TryDequeue(out var item))
        {
            try
            {
                switch (item.Kind)
                {
                    case DueKind.Reminder:
                        var (sent, escalation) = await RemindAsync(item, cancellationToken);
                        reminded += sent ? 1 : 0;
                        if (escalation is { } e && e.DueAt <= now && !items.Contains(e))
                        {
                            work.Enqueue(e);
                        }

                        break;
                    case DueKind.Escalation:
                        var outcome = await ActAsync(new ActRequest(item.Reference, item.Sequence, AssignmentAction.Escalate,
                            "function:EscalateAssignments", "timer", "not acknowledged within the SLA"), cancellationToken);
                        if (outcome is ActOutcome.Done)
                        {
                            escalated++;
                            metrics?.Escalated();
                        }

                        break;
                    case DueKind.FollowUp:
                        await FollowUpAsync(item.Reference, item.Sequence, cancellationToken);
                        followed++;
                        break;
                }

                await due.CompleteAsync(item, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One item's trouble (a mail provider outage, a corrupt inquiry) must not hold back the
                // others: its due row stays, and the next run tries it again.
                LogItemFailed(ex, item.Reference, item.Sequence, item.Kind);
            }
        }

        return new DueRun(items.Count, reminded, escalated, followed);
    }

    /// <returns>Whether a reminder was sent, and the escalation it scheduled.</returns>
    private async Task<(bool Sent, DueAction? Escalation)> RemindAsync(DueAction item, CancellationToken cancellationToken)
    {
        var assignment = await assignments.GetAsync(item.Reference, item.Sequence, cancellationToken);
        if (assignment is not { State: AssignmentState.Pending })
        {
            return (false, null);
        }

        // The escalation first (idempotent): a reminder that was sent before a crash must still lead to it.
        DueAction? escalation = null;
        if (assignment.EscalationDueAt is { } escalationDue)
        {
            escalation = new DueAction(escalationDue, assignment.Reference, assignment.Sequence, DueKind.Escalation);
            await due.ScheduleAsync(escalation, cancellationToken);
        }

        if (assignment.RemindedAt is not null)
        {
            return (false, escalation);
        }

        var inquiry = await inquiries.GetAsync(item.Reference, cancellationToken);
        if (inquiry is null)
        {
            return (false, escalation);
        }

        // Send first (idempotent by outbox id), then record: a failed send leaves the reminder due, not lost.
        var tables = await routingTables.GetLiveAsync(cancellationToken);
        await sender.SendOnceAsync(mails.Reminder(inquiry, assignment, tables.Entity(assignment.Assignee.Id)?.Languages), cancellationToken);
        await assignments.TryMarkRemindedAsync(assignment, time.GetUtcNow(), cancellationToken);
        await audit.AppendOnceAsync(new AuditEntry(item.Reference, AuditKeys.Reminded(item.Sequence), time.GetUtcNow(),
            "function:EscalateAssignments", "reminded", item.Sequence, AssignmentState.Pending, AssignmentState.Pending,
            "half the SLA passed", "timer"), cancellationToken);
        return (true, escalation);
    }

    /// <summary>What must follow a transition; safe to repeat.</summary>
    private async Task FollowUpAsync(string reference, int sequence, CancellationToken cancellationToken)
    {
        var assignment = await assignments.GetAsync(reference, sequence, cancellationToken);
        var inquiry = await inquiries.GetAsync(reference, cancellationToken);
        // Still pending: the transition this follow-up was scheduled for never happened (it failed after the follow-up
        // was written). Nothing follows, and the reminder and escalation stay scheduled.
        if (assignment is null || inquiry is null || assignment.State == AssignmentState.Pending)
        {
            return;
        }

        if (assignment.State == AssignmentState.Accepted)
        {
            await sender.SendOnceAsync(mails.Accepted(inquiry, assignment), cancellationToken);
            var tables = await routingTables.GetLiveAsync(cancellationToken);
            await sender.SendOnceAsync(mails.TakenOn(inquiry, assignment, tables.Entity(assignment.Assignee.Id)?.Languages), cancellationToken);
            await inquiries.MarkAcceptedAsync(reference, Summary(assignment), assignment.ActedAt ?? time.GetUtcNow(), cancellationToken);
            await (retention?.InquiryAcceptedAsync(reference, inquiry.ReceivedAt, cancellationToken) ?? Task.CompletedTask);
        }
        else if (AssignmentStateMachine.HandsOn(assignment.State))
        {
            await HandOnAsync(inquiry, assignment, cancellationToken);
        }

        await CompleteDeadlinesAsync(assignment, cancellationToken);
    }

    private async Task HandOnAsync(Inquiry inquiry, InquiryAssignment from, CancellationToken cancellationToken)
    {
        var tables = await routingTables.GetLiveAsync(cancellationToken);
        var history = await assignments.ListAsync(inquiry.Reference, cancellationToken);
        var target = from.State == AssignmentState.Redirected && from.HandedTo is { } named
            ? tables.Entity(named)
            : NextCandidate(from, history, tables);
        if (target is null)
        {
            LogNoCandidate(inquiry.Reference, from.Sequence);
            return;
        }

        var reassigned = Actors.IsOperator(from.ActedBy);
        var because = from.State switch
        {
            AssignmentState.Redirected when reassigned => $"reassigned by the partnerships team from {from.Assignee.Name}: {from.Reason}",
            AssignmentState.Redirected => $"redirected by {from.Assignee.Name}: {from.Reason}",
            AssignmentState.Declined => $"declined by {from.Assignee.Name}: {from.Reason}",
            _ => $"{from.Assignee.Name} did not acknowledge it within {from.AckSlaDays} business days",
        };

        // The partner's public status (no login) says who has the inquiry and how it got there, never the
        // affiliate's free text: a reason may name people or be an internal remark. Only the next assignees
        // (their mail) and the operators (console, trail) see it.
        var publicly = from.State switch
        {
            AssignmentState.Redirected when reassigned => "reassigned by the partnerships team",
            AssignmentState.Redirected => $"redirected by {from.Assignee.Name}",
            AssignmentState.Declined => $"declined by {from.Assignee.Name}",
            _ => because,
        };
        var next = await assignments.CreateOnceAsync(WithDeadlines(new InquiryAssignment(
            inquiry.Reference, from.Sequence + 1, new EntityRef(target.Id, target.Name, target.Kind), target.Contact, target.AckSlaDays,
            AssignmentState.Pending, time.GetUtcNow(), from.Decision) { HandedOnBecause = because }), cancellationToken);

        var handOn = new HandOn(from, NextInLineFor(from, target), history.Where(a => a.Sequence < from.Sequence).ToList());
        await sender.SendOnceAsync(mails.Assignment(inquiry, next, target.Languages, handOn: handOn), cancellationToken);
        if (from.State == AssignmentState.Escalated)
        {
            await sender.SendOnceAsync(mails.Escalated(inquiry, from, next, tables.Entity(from.Assignee.Id)?.Languages), cancellationToken);
        }

        await TellPartnerAsync(inquiry, next, cancellationToken);
        await OpenAsync(next, $"function:{from.State}", from.State, cancellationToken);
        await inquiries.MarkRoutedAsync(inquiry.Reference, Summary(next), publicly, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// The partner learns who holds the inquiry now. The notice goes to an address someone typed into the form, so it
    /// counts against the same daily cap as acknowledgements (keyed by the notice, so a retry counts once): handing on
    /// many inquiries that name one address cannot flood it.
    /// </summary>
    private async Task TellPartnerAsync(Inquiry inquiry, InquiryAssignment next, CancellationToken cancellationToken)
    {
        var notice = mails.HandedOn(inquiry, next);
        if (partnerMailCap is null || await partnerMailCap.TryCountAsync(inquiry.Submission.Contact.Email, notice.OutboxId, cancellationToken))
        {
            await sender.SendOnceAsync(notice, cancellationToken);
        }
        else
        {
            LogHandOnNoticeWithheld(inquiry.Reference, next.Sequence);
        }
    }

    /// <summary>Why <paramref name="target"/> is next in line after <paramref name="from"/> (for a decline's sentence).</summary>
    private static NextInLine NextInLineFor(InquiryAssignment from, MovementEntity target) =>
        target.Id == RoutingTables.TriageEntityId ? NextInLine.Triage
        : from.Decision.PassedOver.Any(p => p.Id == target.Id && p.Reason.StartsWith("lower in", StringComparison.Ordinal)) ? NextInLine.Region
        : NextInLine.Fallback;

    /// <summary>
    /// The next entity for a declined or escalated inquiry: the lower candidates of the original
    /// decision, then the assignee's fallback, then Foundation partnerships triage — never one that
    /// already had it. Null when even triage had it.
    /// </summary>
    public static MovementEntity? NextCandidate(InquiryAssignment from, IReadOnlyList<InquiryAssignment> history, RoutingTables tables)
    {
        var had = history.Select(a => a.Assignee.Id).Append(from.Assignee.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = from.Decision.PassedOver
            .Where(p => p.Reason.StartsWith("lower in", StringComparison.Ordinal))
            .Select(p => p.Id)
            .Append(tables.Entity(from.Assignee.Id)?.Fallback ?? RoutingTables.TriageEntityId)
            .Append(RoutingTables.TriageEntityId);
        return candidates
            .Select(tables.Entity)
            .FirstOrDefault(e => e is { Active: true } && !had.Contains(e.Id));
    }

    private async Task CompleteDeadlinesAsync(InquiryAssignment assignment, CancellationToken cancellationToken)
    {
        if (assignment.ReminderDueAt is { } r)
        {
            await due.CompleteAsync(new DueAction(r, assignment.Reference, assignment.Sequence, DueKind.Reminder), cancellationToken);
        }

        if (assignment.EscalationDueAt is { } e && assignment.State != AssignmentState.Pending)
        {
            await due.CompleteAsync(new DueAction(e, assignment.Reference, assignment.Sequence, DueKind.Escalation), cancellationToken);
        }
    }

    private static AssigneeSummary Summary(InquiryAssignment a) => new(a.Assignee.Id, a.Assignee.Name, a.Assignee.Kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assignment {Reference}/{Sequence} is now {State} (via {Source})")]
    private partial void LogActed(string reference, int sequence, string state, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due {Kind} for {Reference}/{Sequence} failed; the next run retries it")]
    private partial void LogItemFailed(Exception ex, string reference, int sequence, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Reference}: the partner's notice of assignment {Sequence} withheld (daily limit per address reached)")]
    private partial void LogHandOnNoticeWithheld(string reference, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Reference}: no further candidate after assignment {Sequence}; it stays with the last assignee")]
    private partial void LogNoCandidate(string reference, int sequence);
}
