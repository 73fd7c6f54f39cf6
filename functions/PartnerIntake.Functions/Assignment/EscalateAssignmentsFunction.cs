using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Functions.Assignment;

/// <summary>EscalateAssignments: the timer (schedule: setting ESCALATE_ASSIGNMENTS_SCHEDULE). Sends due reminders and escalates overdue assignments.</summary>
public sealed partial class EscalateAssignmentsFunction(AssignmentLifecycle lifecycle, ILogger<EscalateAssignmentsFunction> logger)
{
    /// <summary>Hourly at :05 (UTC) unless the setting says otherwise.</summary>
    public const string DefaultSchedule = "0 5 * * * *";

    [Function("EscalateAssignments")]
    public async Task RunAsync([TimerTrigger("%ESCALATE_ASSIGNMENTS_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await lifecycle.ProcessDueAsync(cancellationToken);
        LogRun(run.Due, run.Reminded, run.Escalated, run.FollowedUp, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EscalateAssignments: {Due} due, {Reminded} reminded, {Escalated} escalated, {FollowedUp} follow-ups (past due: {IsPastDue})")]
    private partial void LogRun(int due, int reminded, int escalated, int followedUp, bool isPastDue);
}
