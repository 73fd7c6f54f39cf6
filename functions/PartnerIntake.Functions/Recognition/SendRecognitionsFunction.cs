using PartnerIntake.Functions.Hosting;

namespace PartnerIntake.Functions.Recognition;

/// <summary>SendRecognitions: timerTrigger (schedule in its function.json). Sends every due recognition notice once.</summary>
public sealed partial class SendRecognitionsFunction(Shared.Recognition.Recognition recognition, ILogger<SendRecognitionsFunction> logger) : ITimerFunction
{
    public string Name => "SendRecognitions";

    public async Task InvokeAsync(TimerInput input, CancellationToken cancellationToken)
    {
        var run = await recognition.SendDueAsync(cancellationToken);
        LogRun(run.Due, run.Sent, run.Skipped, run.Deferred, input.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SendRecognitions: {Due} due, {Sent} sent, {Skipped} skipped, {Deferred} left for the next run (past due: {IsPastDue})")]
    private partial void LogRun(int due, int sent, int skipped, int deferred, bool isPastDue);
}
