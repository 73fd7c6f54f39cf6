using Microsoft.Extensions.Options;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>
/// The storage work of one submission and nothing else: the Inquiries-shaped table insert and the
/// queue put, through the app's StorageAccount (same SDK, retry policy and timeouts). Uses its own
/// table and queue so that the app's listener never sees these messages.
/// </summary>
public sealed class RawStorage
{
    public const string TableName = "BenchRaw";
    public const string QueueName = "bench-raw";

    private readonly CloudTable table;
    private readonly CloudQueue queue;
    private readonly string document;

    private RawStorage(StorageAccount account, string document)
    {
        table = account.Table(TableName);
        queue = account.Queue(QueueName);
        this.document = document;
    }

    public int DocumentBytes => System.Text.Encoding.UTF8.GetByteCount(document);

    public static async Task<RawStorage> CreateAsync(string connectionString, string document, CancellationToken cancellationToken)
    {
        // Base64Messages stays at its default (true), as host.json's messageEncoding makes it in the app.
        var account = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = connectionString }));
        var raw = new RawStorage(account, document);
        await raw.table.CreateIfNotExistsAsync(null, null, cancellationToken);
        await raw.queue.CreateIfNotExistsAsync(null, null, cancellationToken);
        return raw;
    }

    /// <summary>
    /// Drops the table and queue again. Azurite keeps the messages of all queues in one collection and
    /// scans it on every dequeue and delete, so thousands of leftover messages here would slow the
    /// app's own queue in the scenarios that follow.
    /// </summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await queue.DeleteIfExistsAsync(null, null, cancellationToken);
        await table.DeleteIfExistsAsync(null, null, cancellationToken);
    }

    public async Task<string?> SubmitOnceAsync(CancellationToken cancellationToken)
    {
        var reference = InquiryReference.New();
        var entity = new DynamicTableEntity(reference, "inquiry");
        entity.Properties["Document"] = new EntityProperty(document);
        entity.Properties["Status"] = new EntityProperty(InquiryStatus.Received);
        entity.Properties["ReceivedAt"] = new EntityProperty(TimeProvider.System.GetUtcNow());
        entity.Properties["Country"] = new EntityProperty("PL");
        entity.Properties["Topics"] = new EntityProperty("content-donation");
        await StorageAccount.Guard(() => table.ExecuteAsync(TableOperation.Insert(entity), null, null, cancellationToken));
        await StorageAccount.Guard(() => queue.AddMessageAsync(
            new CloudQueueMessage($$"""{"inquiryId":"{{reference}}"}"""), null, null, null, null, cancellationToken));
        return null;
    }
}
