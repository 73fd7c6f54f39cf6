using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Functions.Assignment;

/// <summary>EscalateAssignments: timerTrigger (schedule in its function.json). Sends due reminders and escalates overdue assignments.</summary>
public sealed partial class EscalateAssignmentsFunction(AssignmentLifecycle lifecycle, ILogger<EscalateAssignmentsFunction> logger) : ITimerFunction
{
    public string Name => "EscalateAssignments";

    public async Task InvokeAsync(TimerInput input, CancellationToken cancellationToken)
    {
        var run = await lifecycle.ProcessDueAsync(cancellationToken);
        LogRun(run.Due, run.Reminded, run.Escalated, run.FollowedUp, input.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EscalateAssignments: {Due} due, {Reminded} reminded, {Escalated} escalated, {FollowedUp} follow-ups (past due: {IsPastDue})")]
    private partial void LogRun(int due, int reminded, int escalated, int followedUp, bool isPastDue);
}
