using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Assignment;

public static class AssignmentState
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Redirected = "redirected";
    public const string Declined = "declined";
    public const string Escalated = "escalated";
}

public static class AssignmentAction
{
    public const string Accept = "accept";
    public const string Redirect = "redirect";
    public const string Decline = "decline";
    public const string Escalate = "escalate";

    public static readonly IReadOnlySet<string> FromLinks = new HashSet<string>(StringComparer.Ordinal) { Accept, Redirect, Decline };
}

/// <summary>
/// pending → accepted | redirected | declined | escalated; an accepted assignment may still be
/// redirected (the entity finds a better home). Everything else is refused: a link works once.
/// </summary>
public static class AssignmentStateMachine
{
    public static string? Next(string state, string action) => (state, action) switch
    {
        (AssignmentState.Pending, AssignmentAction.Accept) => AssignmentState.Accepted,
        (AssignmentState.Pending, AssignmentAction.Redirect) => AssignmentState.Redirected,
        (AssignmentState.Accepted, AssignmentAction.Redirect) => AssignmentState.Redirected,
        (AssignmentState.Pending, AssignmentAction.Decline) => AssignmentState.Declined,
        (AssignmentState.Pending, AssignmentAction.Escalate) => AssignmentState.Escalated,
        _ => null,
    };

    /// <summary>Whether the assignment hands the inquiry on to someone else.</summary>
    public static bool HandsOn(string state) => state is AssignmentState.Redirected or AssignmentState.Declined or AssignmentState.Escalated;
}

/// <summary>An inquiry handed to one movement entity, with the decision that chose it.</summary>
public sealed record InquiryAssignment(
    string Reference,
    int Sequence,
    EntityRef Assignee,
    string AssigneeContact,
    int AckSlaDays,
    string State,
    DateTimeOffset CreatedAt,
    RoutingDecision Decision)
{
    public DateTimeOffset? ReminderDueAt { get; init; }

    public DateTimeOffset? EscalationDueAt { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }

    public DateTimeOffset? ActedAt { get; init; }

    public string? ActedBy { get; init; }

    public string? Reason { get; init; }

    /// <summary>Why this assignment exists when it is not the first (redirected by …, declined by …).</summary>
    public string? HandedOnBecause { get; init; }

    /// <summary>For a redirect: the entity the assignee named.</summary>
    public string? HandedTo { get; init; }

    public string ETag { get; init; } = "*";
}

public interface IAssignmentStore
{
    Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken);

    Task<IReadOnlyList<InquiryAssignment>> ListAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Creates the assignment or, if one with the same key exists (a replay), returns that one.</summary>
    Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken);

    /// <summary>Moves the assignment to a new state if nobody changed it since it was read (ETag); false otherwise.</summary>
    Task<bool> TryTransitionAsync(InquiryAssignment assignment, string state, DateTimeOffset at, string actedBy, string? reason, string? handedTo, CancellationToken cancellationToken);

    /// <summary>Records the reminder if nobody changed the assignment since it was read; false otherwise.</summary>
    Task<bool> TryMarkRemindedAsync(InquiryAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken);
}
