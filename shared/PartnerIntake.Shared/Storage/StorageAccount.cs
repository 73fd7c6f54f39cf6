using Microsoft.Extensions.Options;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The only place that knows the storage SDK's clients (WindowsAzure.Storage 9.3.3, because
/// Azure.Data.Tables and Azure.Storage.Queues do not restore here). Swapping SDKs touches this folder only.
/// </summary>
public sealed class StorageAccount
{
    private readonly CloudTableClient tables;
    private readonly CloudQueueClient queues;
    private readonly bool base64Messages;

    public StorageAccount(IOptions<StorageOptions> options)
    {
        var account = CloudStorageAccount.Parse(options.Value.ConnectionString);
        base64Messages = options.Value.Base64Messages;
        tables = account.CreateCloudTableClient();
        tables.DefaultRequestOptions = new TableRequestOptions
        {
            // Short and few retries: a request thread must not hang on a storage outage.
            RetryPolicy = new ExponentialRetry(TimeSpan.FromMilliseconds(100), 2),
            MaximumExecutionTime = TimeSpan.FromSeconds(10),
            ServerTimeout = TimeSpan.FromSeconds(5),
        };
        queues = account.CreateCloudQueueClient();
        queues.DefaultRequestOptions = new QueueRequestOptions
        {
            RetryPolicy = new ExponentialRetry(TimeSpan.FromMilliseconds(100), 2),
            MaximumExecutionTime = TimeSpan.FromSeconds(10),
            ServerTimeout = TimeSpan.FromSeconds(5),
        };
    }

    public CloudTable Table(string name) => tables.GetTableReference(name);

    public CloudQueue Queue(string name)
    {
        var queue = queues.GetQueueReference(name);
        queue.EncodeMessage = base64Messages;
        return queue;
    }

    /// <summary>Creates every table and queue the app uses; safe to call on every start.</summary>
    public async Task EnsureCreatedAsync(IEnumerable<string> queueNames, CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await Guard(() => Table(table).CreateIfNotExistsAsync(null, null, cancellationToken));
        }

        foreach (var queue in queueNames)
        {
            await Guard(() => Queue(queue).CreateIfNotExistsAsync(null, null, cancellationToken));
        }
    }

    /// <summary>A cheap round trip that proves storage answers.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = new TableRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = TimeSpan.FromSeconds(3) };
            return await Table(TableNames.Inquiries).ExistsAsync(options, null, cancellationToken);
        }
        catch (StorageException)
        {
            return false;
        }
    }

    /// <summary>Maps transport failures and 5xx to <see cref="StorageUnavailableException"/>; 4xx stay <see cref="StorageException"/>.</summary>
    public static async Task Guard(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (StorageException ex) when (IsUnavailable(ex))
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
        catch (StorageException ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Storage is unavailable.", ex);
        }
    }

    public static int StatusOf(StorageException ex) => ex.RequestInformation?.HttpStatusCode ?? 0;

    private static bool IsUnavailable(StorageException ex) => StatusOf(ex) is 0 or 306 or 408 or >= 500; // 0 and 306: no answer at all
}
