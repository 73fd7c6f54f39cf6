using Microsoft.Azure.Functions.Worker;

namespace PartnerIntake.Functions.Recognition;

/// <summary>SendRecognitions: the timer (schedule: setting SEND_RECOGNITIONS_SCHEDULE). Sends every due recognition notice once.</summary>
public sealed partial class SendRecognitionsFunction(Shared.Recognition.Recognition recognition, ILogger<SendRecognitionsFunction> logger)
{
    /// <summary>Every ten minutes (UTC) unless the setting says otherwise.</summary>
    public const string DefaultSchedule = "0 */10 * * * *";

    [Function("SendRecognitions")]
    public async Task RunAsync([TimerTrigger("%SEND_RECOGNITIONS_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await recognition.SendDueAsync(cancellationToken);
        LogRun(run.Due, run.Sent, run.Skipped, run.Deferred, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SendRecognitions: {Due} due, {Sent} sent, {Skipped} skipped, {Deferred} left for the next run (past due: {IsPastDue})")]
    private partial void LogRun(int due, int sent, int skipped, int deferred, bool isPastDue);
}
