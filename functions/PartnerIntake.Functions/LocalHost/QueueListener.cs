using Azure.Storage.Queues.Models;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// The local host's queue trigger, as the Functions host runs it: polls with the host's backoff,
/// leases messages, renews the lease while a function runs, abandons a failed message with host.json's
/// visibilityTimeout, and moves it to {queue}-poison once DequeueCount reaches maxDequeueCount.
/// Several instances may share a queue; each message is leased by one at a time.
/// </summary>
public sealed partial class QueueListener(
    LocalFunction function,
    FunctionInvoker invoker,
    QueueReceiver receiver,
    QueueSettings settings,
    StorageInitializer initializer,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<QueueListener> logger) : BackgroundService
{
    /// <summary>
    /// The host leases a message for 10 minutes and renews it at half time. LocalHost:QueueLeaseSeconds shortens it,
    /// so a test can show that a message outliving its lease is renewed, not handed to another consumer.
    /// </summary>
    private readonly TimeSpan Lease = TimeSpan.FromSeconds(configuration.GetValue("LocalHost:QueueLeaseSeconds", 600));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await initializer.Ready.WaitAsync(stoppingToken);
        LogListening(function.Name, receiver.QueueName);
        var backoff = new PollingBackoff(settings.MaxPollingInterval);
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Like the host: fetch the next batch once no more than newBatchThreshold messages are in flight.
                running.RemoveWhere(t => t.IsCompleted);
                while (running.Count > settings.NewBatchThreshold)
                {
                    running.Remove(await Task.WhenAny(running));
                }

                IReadOnlyList<ReceivedMessage> messages;
                try
                {
                    messages = await receiver.ReceiveAsync(settings.BatchSize, Lease, stoppingToken);
                }
                catch (StorageUnavailableException ex)
                {
                    LogPollFailed(ex, receiver.QueueName);
                    messages = [];
                }

                if (messages.Count == 0)
                {
                    await Delay(backoff.NextDelay(), stoppingToken);
                    continue;
                }

                backoff.Reset();
                foreach (var message in messages)
                {
                    running.Add(ProcessAsync(message, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let in-flight messages settle; anything cut short reappears when its lease ends.
        await Task.WhenAll(running);
    }

    private async Task ProcessAsync(ReceivedMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                // Delivered more often than allowed without a recorded failure (a crash mid-run).
                await receiver.MoveToPoisonAsync(message, CancellationToken.None);
                LogPoisoned(message.Id, receiver.QueueName, message.DequeueCount);
                return;
            }

            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewing = RenewWhileRunningAsync(message, renewal.Token);
            Exception? failure = null;
            try
            {
                await invoker.InvokeQueueAsync(function, QueuesModelFactory.QueueMessage(
                    message.Id, "", BinaryData.FromString(message.Text), message.DequeueCount), stoppingToken);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
            }

            if (failure is null)
            {
                await receiver.CompleteAsync(message, CancellationToken.None);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                LogFailed(failure, function.Name, message.Id, message.DequeueCount);
                await receiver.MoveToPoisonAsync(message, CancellationToken.None);
                LogPoisoned(message.Id, receiver.QueueName, message.DequeueCount);
            }
            else
            {
                LogFailed(failure, function.Name, message.Id, message.DequeueCount);
                await receiver.AbandonAsync(message, settings.VisibilityTimeout, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Storage trouble while settling the message: its lease runs out and it is delivered again.
            LogSettleFailed(ex, message.Id);
        }
    }

    private async Task RenewWhileRunningAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 2, time, cancellationToken);
                await receiver.RenewAsync(message, Lease, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (StorageUnavailableException ex)
        {
            LogSettleFailed(ex, message.Id);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} listening on queue {Queue}")]
    private partial void LogListening(string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    private partial void LogPollFailed(Exception ex, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (dequeue {DequeueCount})")]
    private partial void LogFailed(Exception ex, string function, string messageId, int dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {Queue}-poison after {DequeueCount} dequeues")]
    private partial void LogPoisoned(string messageId, string queue, int dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId}; it will be delivered again")]
    private partial void LogSettleFailed(Exception ex, string messageId);
}
