using Azure.Data.Tables;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// ConsoleSessions table: PartitionKey = session id, RowKey "" (started). A row exists while its session is open, so
/// signing out on one instance ends the session on all of them; one point read per console request checks it.
/// Sessions left to expire keep their (tiny) row.
/// </summary>
public sealed class TableConsoleSessions(StorageAccount storage)
{
    private TableClient Table => storage.Table(TableNames.ConsoleSessions);

    public async Task StartAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await Table.TryAddAsync(new TableEntity(id, "") { ["Started"] = now }, cancellationToken) is null)
        {
            throw new InvalidOperationException("A console session id was drawn twice."); // 128 random bits: a bug, not bad luck
        }
    }

    public async Task<bool> IsOpenAsync(string id, CancellationToken cancellationToken) =>
        await Table.FindAsync(id, "", cancellationToken, select: ["PartitionKey"]) is not null;

    public Task EndAsync(string id, CancellationToken cancellationToken) => Table.TryDeleteAsync(id, "", cancellationToken);
}
