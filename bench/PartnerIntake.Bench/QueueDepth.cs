using Azure;
using Azure.Storage.Queues;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>
/// Reads the approximate length of the app's "inquiries" queue: how far routing lags behind intake.
/// One cheap request per read, so sampling twice a second does not disturb the measurement.
/// </summary>
public sealed class QueueDepth(QueueClient queue)
{
    public static QueueDepth Create(string connectionString) =>
        new(StorageClients.Connect(connectionString).Queue(QueueNames.Inquiries));

    public async Task<int?> ReadAsync()
    {
        try
        {
            var properties = await StorageAccount.Guard(() => queue.GetPropertiesAsync(CancellationToken.None));
            return properties.Value.ApproximateMessagesCount;
        }
        catch (Exception ex) when (ex is RequestFailedException or StorageUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Reads every <paramref name="interval"/> until cancelled; returns the largest depth seen.</summary>
    public async Task<int?> MaxUntilAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        int? max = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await ReadAsync() is { } depth)
            {
                max = Math.Max(max ?? 0, depth);
            }

            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return max;
    }
}
