using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Functions.Privacy;

/// <summary>ApplyRetention: the timer (schedule: setting APPLY_RETENTION_SCHEDULE). Erases the personal data that fell due and purges housekeeping rows.</summary>
public sealed partial class ApplyRetentionFunction(RetentionSweep sweep, ILogger<ApplyRetentionFunction> logger)
{
    /// <summary>Daily at 02:30 UTC unless the setting says otherwise.</summary>
    public const string DefaultSchedule = "0 30 2 * * *";

    [Function("ApplyRetention")]
    public async Task RunAsync([TimerTrigger("%APPLY_RETENTION_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await sweep.ApplyAsync(cancellationToken);
        LogRun(run.Due, run.Erased, run.Failed, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ApplyRetention: {Due} due, {Erased} erased, {Failed} left for the next run (past due: {IsPastDue})")]
    private partial void LogRun(int due, int erased, int failed, bool isPastDue);
}
