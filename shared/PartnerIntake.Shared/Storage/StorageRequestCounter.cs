using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Counts every storage request this process sends (retries included: its policies sit per retry in the pipeline),
/// by kind — "POST Inquiries", "POST $batch", "GET queue inquiries" — so a test can pin what a code path costs and the
/// benchmark can report it. A queue receive that returned no message is counted apart as an empty poll: idle polling
/// is not work done for an inquiry.
/// </summary>
public sealed class StorageRequestCounter
{
    public const string EmptyPoll = "empty queue poll";

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private long transactionOperations;

    public StorageRequestCounter()
    {
        TablePolicy = new CountingPolicy(this, queue: false);
        QueuePolicy = new CountingPolicy(this, queue: true);
    }

    public HttpPipelinePolicy TablePolicy { get; }

    public HttpPipelinePolicy QueuePolicy { get; }

    /// <summary>Requests by kind, empty polls included under <see cref="EmptyPoll"/>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>Every request but empty queue polls.</summary>
    public long Total => counts.Where(c => c.Key != EmptyPoll).Sum(c => c.Value);

    /// <summary>
    /// The operations inside the entity-group transactions sent (each <c>POST $batch</c> is one request carrying up to
    /// 100). The storage service, Azurite especially, does about as much work per operation as per single request.
    /// </summary>
    public long TransactionOperations => Interlocked.Read(ref transactionOperations);

    public void Reset()
    {
        counts.Clear();
        Interlocked.Exchange(ref transactionOperations, 0);
    }

    private void Count(string kind) => counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    private void CountOperations(Request request)
    {
        if (request.Content is null)
        {
            return;
        }

        // A transaction body is multipart/mixed: one "application/http" part per operation.
        using var body = new MemoryStream();
        request.Content.WriteTo(body, default);
        var text = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        var parts = 0;
        for (var at = text.IndexOf("application/http", StringComparison.Ordinal); at >= 0; at = text.IndexOf("application/http", at + 1, StringComparison.Ordinal))
        {
            parts++;
        }

        Interlocked.Add(ref transactionOperations, parts);
    }

    /// <summary>"GET Inquiries", "POST $batch", "PUT queue inquiries" … from the request line alone.</summary>
    public static string Kind(Request request, bool queue)
    {
        var segments = request.Uri.Path.Trim('/').Split('/');
        if (!queue)
        {
            return $"{request.Method} {segments[^1].Split('(')[0]}"; // Table(PartitionKey=…), Tables, $batch
        }

        // [account/]queue[/messages[/id]]
        var messages = Array.IndexOf(segments, "messages");
        var name = messages > 0 ? segments[messages - 1] : segments[^1];
        return $"{request.Method} queue {name}";
    }

    private sealed class CountingPolicy(StorageRequestCounter counter, bool queue) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            counter.Count(KindOf(message));
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            counter.Count(KindOf(message));
        }

        private string KindOf(HttpMessage message)
        {
            var kind = IsEmptyPoll(message) ? EmptyPoll : Kind(message.Request, queue);
            if (kind == "POST $batch")
            {
                counter.CountOperations(message.Request);
            }

            return kind;
        }

        private bool IsEmptyPoll(HttpMessage message) =>
            queue
            && message.Request.Method == RequestMethod.Get
            && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && !message.Request.Uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase)
            && message.HasResponse
            && message.Response.Status == 200
            && message.Response.Content?.ToString().Contains("<QueueMessage>", StringComparison.Ordinal) != true;
    }
}
