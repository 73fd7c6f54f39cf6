using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The app's tables and queues, from the two service clients that <see cref="StorageClients"/> creates. Every
/// storage call goes through <see cref="Guard{T}"/>, which turns "storage did not answer" into
/// <see cref="StorageUnavailableException"/> (the API's 503) and leaves answers such as 404, 409 and 412 to the caller.
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, QueueServiceClient queues)
{
    public TableServiceClient Tables => tables;

    public TableClient Table(string name) => tables.GetTableClient(name);

    public QueueClient Queue(string name) => queues.GetQueueClient(name);

    /// <summary>Creates every table and queue the app uses; safe to call on every start.</summary>
    public async Task EnsureCreatedAsync(IEnumerable<string> queueNames, CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await Guard(() => Table(table).CreateIfNotExistsAsync(cancellationToken));
        }

        foreach (var queue in queueNames)
        {
            await Guard(() => Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }
    }

    /// <summary>A cheap round trip that proves storage answers.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await Table(TableNames.Inquiries).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token)
                .AsPages().FirstOrDefaultAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (IsUnavailable(ex) || ex is RequestFailedException or OperationCanceledException))
        {
            return false;
        }
    }

    public static async Task Guard(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Storage is unavailable.", ex);
        }
    }

    public static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Storage is unavailable.", ex);
        }
    }

    /// <summary>The HTTP status of a storage answer; 0 when there was none.</summary>
    public static int StatusOf(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status, // TableTransactionFailedException too
        _ => 0,
    };

    // Status 0: no answer at all (connection refused); a network timeout is a cancellation caused by a TimeoutException;
    // after its retries the SDK throws them together in an AggregateException.
    private static bool IsUnavailable(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or >= 500,
        OperationCanceledException { InnerException: TimeoutException } => true,
        HttpRequestException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
