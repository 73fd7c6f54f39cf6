using Azure.Data.Tables;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Shared.Storage;

/// <summary>TimerStatus table: PartitionKey = function name, RowKey "lease" (holder, until) and "status" (last, next).</summary>
public sealed class TableTimerStatus(StorageAccount storage) : ITimerStatusStore
{
    private TableClient Table => storage.Table(TableNames.TimerStatus);

    public async Task<bool> TryAcquireAsync(string function, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var current = await Table.FindAsync(function, "lease", cancellationToken);
        var lease = new TableEntity(function, "lease")
        {
            ["Holder"] = holder,
            ["Until"] = now + duration,
        };
        if (current is null)
        {
            // 409: another instance took it between our read and write.
            return await Table.TryAddAsync(lease, cancellationToken) is not null;
        }

        var free = current.GetString("Holder") == holder || (current.GetDateTimeOffset("Until") ?? DateTimeOffset.MinValue) <= now;

        // 412 (or 404, released meanwhile): another instance got there between our read and write.
        return free && await Table.TryUpdateAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task ReleaseAsync(string function, string holder, CancellationToken cancellationToken)
    {
        var current = await Table.FindAsync(function, "lease", cancellationToken);
        if (current is not null && current.GetString("Holder") == holder)
        {
            // Only the lease as read: false (412) means another holder has it now, which is theirs to keep.
            await Table.TryDeleteAsync(function, "lease", cancellationToken, current.ETag);
        }
    }

    public async Task<TimerScheduleState?> GetAsync(string function, CancellationToken cancellationToken)
    {
        var e = await Table.FindAsync(function, "status", cancellationToken);
        return e is null ? null : new TimerScheduleState(e.GetDateTimeOffset("Last"), e.GetDateTimeOffset("Next"), e.ETag.ToString());
    }

    public Task SetAsync(string function, DateTimeOffset last, DateTimeOffset next, CancellationToken cancellationToken)
    {
        var e = new TableEntity(function, "status")
        {
            ["Last"] = last,
            ["Next"] = next,
        };
        return Table.UpsertAsync(e, TableUpdateMode.Replace, cancellationToken);
    }
}
