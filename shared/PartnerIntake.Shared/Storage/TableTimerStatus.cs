using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Shared.Storage;

/// <summary>TimerStatus table: PartitionKey = function name, RowKey "lease" (holder, until) and "status" (last, next).</summary>
public sealed class TableTimerStatus(StorageAccount storage) : ITimerStatusStore
{
    private CloudTable Table => storage.Table(TableNames.TimerStatus);

    public async Task<bool> TryAcquireAsync(string function, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(function, "lease"), null, null, cancellationToken));
        var lease = new DynamicTableEntity(function, "lease");
        lease.Properties["Holder"] = new EntityProperty(holder);
        lease.Properties["Until"] = new EntityProperty(now + duration);
        TableOperation operation;
        if (result.Result is DynamicTableEntity current)
        {
            var free = current.Prop("Holder")?.StringValue == holder || (current.Prop("Until")?.DateTimeOffsetValue ?? DateTimeOffset.MinValue) <= now;
            if (!free)
            {
                return false;
            }

            lease.ETag = current.ETag;
            operation = TableOperation.Replace(lease);
        }
        else
        {
            operation = TableOperation.Insert(lease);
        }

        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(operation, null, null, cancellationToken));
            return true;
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) is 409 or 412)
        {
            return false; // another instance took it between our read and write
        }
    }

    public async Task ReleaseAsync(string function, string holder, CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(function, "lease"), null, null, cancellationToken));
        if (result.Result is DynamicTableEntity current && current.Prop("Holder")?.StringValue == holder)
        {
            try
            {
                await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Delete(current), null, null, cancellationToken));
            }
            catch (StorageException ex) when (StorageAccount.StatusOf(ex) is 404 or 412)
            {
            }
        }
    }

    public async Task<TimerScheduleState?> GetAsync(string function, CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(function, "status"), null, null, cancellationToken));
        return result.Result is DynamicTableEntity e
            ? new TimerScheduleState(e.Prop("Last")?.DateTimeOffsetValue, e.Prop("Next")?.DateTimeOffsetValue, e.ETag)
            : null;
    }

    public Task SetAsync(string function, DateTimeOffset last, DateTimeOffset next, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(function, "status");
        e.Properties["Last"] = new EntityProperty(last);
        e.Properties["Next"] = new EntityProperty(next);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.InsertOrReplace(e), null, null, cancellationToken));
    }
}
