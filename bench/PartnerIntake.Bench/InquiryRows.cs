using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>
/// Reads the inquiries' progress straight from the app's Inquiries table, with the generator's own storage client, so
/// that checking what was routed costs the app nothing: its request counter (GET /admin/storage/requests) then counts
/// only the work the inquiries themselves caused. One query over the table returns every inquiry row (Azurite scans
/// the whole table for any query, so one scan beats thousands of point reads); only after the load, never during it.
/// </summary>
public sealed class InquiryRows(StorageAccount storage)
{
    public sealed record Progress(string Status, DateTimeOffset ReceivedAt, DateTimeOffset? RoutedAt)
    {
        public bool IsRouted => RoutedAt is not null;

        public bool IsFinal => IsRouted || Status == InquiryStatus.Failed;
    }

    public static InquiryRows Create(string connectionString) => new(StorageClients.Connect(connectionString));

    private TableClient Table => storage.Table(TableNames.Inquiries);

    /// <summary>Every inquiry row received since <paramref name="since"/>, by reference.</summary>
    public async Task<Dictionary<string, Progress>> ReadAllAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableInquiryStore.RowKey} and ReceivedAt ge {since}");
        var rows = new Dictionary<string, Progress>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "Status", "ReceivedAt", "RoutedAt"], cancellationToken))
        {
            rows[e.PartitionKey] = new Progress(e.GetString("Status") ?? "", e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("RoutedAt"));
        }

        return rows;
    }

    /// <summary>Reads until every one of <paramref name="references"/> is routed or failed, or the deadline passes.</summary>
    public async Task<IReadOnlyDictionary<string, Progress>> ReadUntilRoutedAsync(IReadOnlyCollection<string> references, DateTimeOffset since, long deadline)
    {
        while (true)
        {
            var rows = await ReadAllAsync(since, CancellationToken.None);
            var pending = references.Count(r => !rows.TryGetValue(r, out var p) || !p.IsFinal);
            if (pending == 0 || Clock.Now > deadline)
            {
                return rows;
            }

            Console.Error.WriteLine($"[bench]   {pending} not routed yet");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// The stamps routing leaves in an inquiry's partition, for every inquiry received since <paramref name="since"/>:
    /// the first assignment's CreatedAt and each outbox mail's (rows <c>mail|…</c>) CreatedAt and SentAt. One query.
    /// </summary>
    public async Task<Dictionary<string, RoutingStamps>> ReadStampsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var assignment = TableAssignmentStore.RowKey(1);
        var mailFrom = TableMailOutbox.RowPrefix;
        var mailTo = TableMailOutbox.RowPrefix + "~";
        var filter = TableClient.CreateQueryFilter($"(RowKey eq {assignment} or (RowKey ge {mailFrom} and RowKey lt {mailTo})) and CreatedAt ge {since}");
        var stamps = new Dictionary<string, RoutingStamps>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey", "CreatedAt", "SentAt"], cancellationToken))
        {
            var s = stamps.TryGetValue(e.PartitionKey, out var found) ? found : stamps[e.PartitionKey] = new RoutingStamps();
            if (e.RowKey == assignment)
            {
                s.AssignmentCreatedAt = e.GetDateTimeOffset("CreatedAt");
            }
            else
            {
                s.Mails.Add((e.RowKey[mailFrom.Length..], e.GetDateTimeOffset("CreatedAt"), e.GetDateTimeOffset("SentAt")));
            }
        }

        return stamps;
    }
}

/// <summary>What <see cref="InquiryRows.ReadStampsAsync"/> found in one inquiry's partition.</summary>
public sealed class RoutingStamps
{
    public DateTimeOffset? AssignmentCreatedAt { get; set; }

    public List<(string Name, DateTimeOffset? CreatedAt, DateTimeOffset? SentAt)> Mails { get; } = [];
}
