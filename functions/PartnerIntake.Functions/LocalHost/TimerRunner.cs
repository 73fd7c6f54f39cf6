using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// The local host's timer trigger: runs a timer function on its NCRONTAB schedule (UTC, from functions.metadata,
/// %settings% resolved), one instance at a time (a lease in storage), and keeps the
/// schedule status so that a run missed while no instance was up happens at start with IsPastDue.
/// </summary>
public sealed partial class TimerRunner(
    LocalFunction function,
    FunctionInvoker invoker,
    ITimerStatusStore status,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<TimerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);
    private readonly string holder = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronSchedule.Parse(function.Schedule!);
        await initializer.Ready.WaitAsync(stoppingToken);
        LogScheduled(function.Name, schedule.Expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var state = await status.GetAsync(function.Name, stoppingToken);
                var now = time.GetUtcNow();
                var due = state?.Next ?? schedule.NextAfter(now) ?? now.AddYears(1);
                if (due > now)
                {
                    await Task.Delay(due - now, time, stoppingToken);
                }

                await RunIfDueAsync(schedule, due, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed run is not retried (as in the host); the next occurrence comes as scheduled.
                LogRunFailed(ex, function.Name);
                await Task.Delay(TimeSpan.FromSeconds(30), time, stoppingToken);
            }
        }
    }

    private async Task RunIfDueAsync(CronSchedule schedule, DateTimeOffset due, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (!await status.TryAcquireAsync(function.Name, holder, now, LeaseDuration, stoppingToken))
        {
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken); // another instance runs it
            return;
        }

        try
        {
            // Re-read under the lease: another instance may have run this occurrence already.
            var state = await status.GetAsync(function.Name, stoppingToken);
            if (state?.Next is { } next && next > now)
            {
                return;
            }

            var isPastDue = now - due > TimeSpan.FromMinutes(1);
            LogRunning(function.Name, isPastDue);
            try
            {
                var timer = new TimerInfo
                {
                    IsPastDue = isPastDue,
                    ScheduleStatus = new ScheduleStatus { Last = (state?.Last ?? default).UtcDateTime, Next = due.UtcDateTime, LastUpdated = now.UtcDateTime },
                };
                await invoker.InvokeTimerAsync(function, timer, stoppingToken);
            }
            finally
            {
                await status.SetAsync(function.Name, now, schedule.NextAfter(now) ?? now.AddYears(1), CancellationToken.None);
            }
        }
        finally
        {
            await status.ReleaseAsync(function.Name, holder, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} scheduled: {Schedule}")]
    private partial void LogScheduled(string function, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} running (past due: {IsPastDue})")]
    private partial void LogRunning(string function, bool isPastDue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed")]
    private partial void LogRunFailed(Exception ex, string function);
}
