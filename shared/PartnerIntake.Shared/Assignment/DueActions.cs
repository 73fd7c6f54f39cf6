namespace PartnerIntake.Shared.Assignment;

public static class DueKind
{
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";

    /// <summary>Finish handing an inquiry on after a transition (a crash between the two is resumed by the timer).</summary>
    public const string FollowUp = "followup";
}

public sealed record DueAction(DateTimeOffset DueAt, string Reference, int Sequence, string Kind);

/// <summary>
/// Work that falls due at a time: kept sorted by due time so that a timer run reads only what is
/// due, never every open assignment.
/// </summary>
public interface IDueActions
{
    Task ScheduleAsync(DueAction action, CancellationToken cancellationToken);

    Task<IReadOnlyList<DueAction>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task CompleteAsync(DueAction action, CancellationToken cancellationToken);
}
