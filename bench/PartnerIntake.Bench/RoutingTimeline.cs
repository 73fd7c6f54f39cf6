using System.Collections.Concurrent;
using Azure.Data.Tables;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>
/// Splits receivedAt → routedAt into the steps of RouteInquiry, from timestamps the app already stores:
/// the assignment's CreatedAt and each outbox mail's CreatedAt and SentAt (the step labels follow
/// RouteInquiry and MailSender as of this writing: insert-or-read assignment, outbox insert that claims). Read after the run
/// (point reads of a sample), so the measurement itself is not disturbed.
/// </summary>
public sealed class RoutingTimeline(StorageAccount storage)
{
    public static readonly IReadOnlyList<string> Segments =
    [
        "POST answered 202: table insert + queue put (measured by the client, so with HTTP)",
        "202 → assignment stamped: queue wait until dequeued, inquiry read, routing decision",
        "→ assignment mail started: assignment insert, render",
        "→ assignment mail sent: outbox insert (claimed), .eml write",
        "→ acknowledgement started: outbox mark-sent, render",
        "→ acknowledgement sent: outbox insert (claimed), .eml write",
        "→ routedAt stamped: outbox mark-sent",
    ];

    public static RoutingTimeline Create(string connectionString) => new(StorageClients.Connect(connectionString));

    /// <returns>One latency summary per entry of <see cref="Segments"/>.</returns>
    public async Task<IReadOnlyList<LatencySummary>> MeasureAsync(
        IReadOnlyList<(string Reference, double SubmitMs, DateTimeOffset ReceivedAt, DateTimeOffset RoutedAt)> routed, int sampleSize)
    {
        var step = Math.Max(1, routed.Count / sampleSize);
        var sample = routed.Where((_, i) => i % step == 0).ToList();
        var rows = new ConcurrentBag<double[]>();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, ct) =>
        {
            // All three are rows of the inquiry's partition in Inquiries ("assignment|001", "mail|assignment.1", "mail|acknowledgement").
            var assignment = await ReadAsync(TableNames.Inquiries, r.Reference, TableAssignmentStore.RowKey(1), ct);
            var mail = await ReadOutboxAsync(InquiryMails.AssignmentOutboxId(r.Reference, 1), ct);
            var ack = await ReadOutboxAsync(InquiryMails.AcknowledgementOutboxId(r.Reference), ct);
            DateTimeOffset?[] points =
            [
                r.ReceivedAt,
                Date(assignment, "CreatedAt"),
                Date(mail, "CreatedAt"),
                Date(mail, "SentAt"),
                Date(ack, "CreatedAt"),
                Date(ack, "SentAt"),
                r.RoutedAt,
            ];
            if (points.All(p => p is not null))
            {
                var steps = points.Zip(points.Skip(1), (a, b) => (b!.Value - a!.Value).TotalMilliseconds).ToList();
                rows.Add([r.SubmitMs, steps[0] - r.SubmitMs, .. steps.Skip(1)]);
            }
        });

        return Enumerable.Range(0, Segments.Count).Select(i => LatencySummary.Of(rows.Select(r => r[i]))).ToList();
    }

    private Task<TableEntity?> ReadOutboxAsync(string outboxId, CancellationToken cancellationToken)
    {
        var (table, partitionKey, rowKey) = TableMailOutbox.Address(outboxId);
        return ReadAsync(table, partitionKey, rowKey, cancellationToken);
    }

    private async Task<TableEntity?> ReadAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var result = await storage.Table(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return result.HasValue ? result.Value : null;
    }

    private static DateTimeOffset? Date(TableEntity? entity, string name) => entity?.GetDateTimeOffset(name);
}
