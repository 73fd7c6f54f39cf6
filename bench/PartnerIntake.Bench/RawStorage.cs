using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>
/// The storage work of one submission and nothing else: the Inquiries-shaped table insert and the
/// queue put, through a StorageAccount made by the app's StorageClients (same SDK, client options, retry policy,
/// timeouts and message encoding). Uses its own
/// table and queue so that the app's listener never sees these messages.
/// </summary>
public sealed class RawStorage
{
    public const string TableName = "BenchRaw";
    public const string QueueName = "bench-raw";

    private readonly TableClient table;
    private readonly QueueClient queue;
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
        // base64Messages stays at its default (true), as host.json's messageEncoding makes it in the app.
        var account = StorageClients.Connect(connectionString);
        var raw = new RawStorage(account, document);
        await raw.table.CreateIfNotExistsAsync(cancellationToken);
        await raw.queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return raw;
    }

    /// <summary>
    /// Drops the table and queue again. Azurite keeps the messages of all queues in one collection and
    /// scans it on every dequeue and delete, so thousands of leftover messages here would slow the
    /// app's own queue in the scenarios that follow.
    /// </summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await queue.DeleteIfExistsAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }

    public async Task<string?> SubmitOnceAsync(CancellationToken cancellationToken)
    {
        var reference = InquiryReference.New();
        var entity = new TableEntity(reference, "inquiry")
        {
            ["Document"] = document,
            ["Status"] = InquiryStatus.Received,
            ["ReceivedAt"] = TimeProvider.System.GetUtcNow(),
            ["Country"] = "PL",
            ["Topics"] = "content-donation",
        };
        await StorageAccount.Guard(() => table.AddEntityAsync(entity, cancellationToken));
        await StorageAccount.Guard(() => queue.SendMessageAsync($$"""{"inquiryId":"{{reference}}"}""", cancellationToken));
        return null;
    }
}
