using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Telemetry;

/// <summary>
/// Reads the queues' approximate message counts once a minute for the queue metrics (two storage requests per queue
/// pair). Registered only when telemetry is exported, so it costs nothing locally and in tests.
/// </summary>
public sealed partial class QueueDepthSampler(StorageAccount storage, PartnerIntakeMetrics metrics, TimeProvider time, ILogger<QueueDepthSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly string[] Queues = [QueueNames.Inquiries, QueueNames.Poison(QueueNames.Inquiries)];

    /// <summary>After a failed sample (at start the queues may not exist yet): try again this soon.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sampled = false;
            try
            {
                var depths = new List<(string, long)>();
                foreach (var queue in Queues)
                {
                    var properties = await storage.Queue(queue).GetPropertiesAsync(stoppingToken);
                    depths.Add((queue, properties.Value.ApproximateMessagesCount));
                }

                metrics.QueueDepths(depths);
                sampled = true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A missed sample only leaves the last one standing.
                LogSampleFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(sampled ? Interval : RetryDelay, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue depth sample failed ({Error})")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
