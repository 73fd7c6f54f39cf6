using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// PersonalDataIndex table: PartitionKey = keyed hash of the normalised address (as the acknowledgement cap's),
/// RowKey = <c>inquiry|{reference}</c> or <c>donation|{id}</c>; an inquiry's row also names its Idempotency-Key row.
/// </summary>
public sealed class TablePersonalDataIndex(StorageAccount storage, LimitKeys keys) : IPersonalDataIndex
{
    private TableClient Table => storage.Table(TableNames.PersonalDataIndex);

    public string PartitionOf(string email) => keys.For("person", AcknowledgementAddress.Normalise(email));

    public async Task AddAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionOf(email), RowKey(entry)).With("IdempotencyKeyHash", entry.IdempotencyKeyHash);
        await Table.TryAddAsync(row, cancellationToken); // a conflict: a retry recorded it already
    }

    public async Task<IReadOnlyList<PersonalDataEntry>> FindAsync(string email, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(email)}"), cancellationToken);
        return rows.Select(r => r.RowKey.Split('|', 2) is [var kind, var id] ? new PersonalDataEntry(kind, id, r.GetString("IdempotencyKeyHash")) : null)
            .OfType<PersonalDataEntry>()
            .ToList();
    }

    public async Task<int> RemoveAsync(string email, PersonalDataEntry entry, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(email);
        if (await Table.FindAsync(partition, RowKey(entry), cancellationToken, ["PartitionKey"]) is null)
        {
            return 0;
        }

        await Table.TryDeleteAsync(partition, RowKey(entry), cancellationToken);
        return 1;
    }

    private static string RowKey(PersonalDataEntry entry) => $"{entry.Kind}|{entry.Id}";
}
