using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// SubmissionWindows table: PartitionKey = keyed hash of the client, RowKey = the window's start (UTC,
/// yyyyMMddHHmm), Count. A fixed window: the first submission inserts the row (409 if another instance was first);
/// later ones write Count + 1 conditional on the ETag this instance last saw, so concurrent writers cannot both
/// count the same slot. One request per accepted submission while one instance serves the client (a 412 costs a read
/// and one more write); none for a refusal that this instance already knows the window is full for.
/// </summary>
public sealed class TableSubmissionLimiter(StorageAccount storage, LimitKeys keys, IOptions<IntakeOptions> options, TimeProvider time)
    : ISubmissionLimiter
{
    private const int MaxTries = 8;
    private readonly ConcurrentDictionary<(string Partition, string Row), (int Count, ETag ETag)> known = new();

    private TableClient Table => storage.Table(TableNames.SubmissionWindows);

    public async Task<LimitDecision> TryAcquireAsync(string client, CancellationToken cancellationToken)
    {
        var limit = options.Value.PermitLimit;
        var window = TimeSpan.FromMinutes(options.Value.WindowMinutes);
        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var ends = start + window;
        var slot = (keys.For("client", client), start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture));
        if (known.Count > 10_000)
        {
            known.Clear(); // past windows' entries; the rows themselves stay the truth
        }

        for (var tries = 0; tries < MaxTries; tries++)
        {
            if (!known.TryGetValue(slot, out var seen))
            {
                var row = new TableEntity(slot.Item1, slot.Item2) { ["Count"] = 1, ["WindowEnds"] = ends };
                if (await Table.TryAddAsync(row, cancellationToken) is { } added)
                {
                    known[slot] = (1, added);
                    return new LimitDecision(true, ends);
                }
            }
            else if (seen.Count >= limit)
            {
                return new LimitDecision(false, ends); // a window's count never goes down
            }
            else if (await TryIncrementAsync(slot, seen, cancellationToken) is { } updated)
            {
                known[slot] = (seen.Count + 1, updated);
                return new LimitDecision(true, ends);
            }

            // Another instance wrote since: read the count and try again on its ETag.
            var current = await Table.FindAsync(slot.Item1, slot.Item2, cancellationToken, ["Count"]);
            if (current is null)
            {
                known.TryRemove(slot, out _);
            }
            else
            {
                known[slot] = (current.GetInt32("Count") ?? 0, current.ETag);
            }
        }

        // Lost the race every time: so many concurrent submissions from one client that refusing is right.
        return new LimitDecision(false, ends);
    }

    private async Task<ETag?> TryIncrementAsync((string Partition, string Row) slot, (int Count, ETag ETag) seen, CancellationToken cancellationToken)
    {
        try
        {
            var row = new TableEntity(slot.Partition, slot.Row) { ["Count"] = seen.Count + 1 };
            var response = await StorageAccount.Guard(() => Table.UpdateEntityAsync(row, seen.ETag, TableUpdateMode.Merge, cancellationToken));
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }
}
