using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// AcknowledgementCounts table: PartitionKey = keyed hash of the normalised address, RowKey = the UTC day (yyyyMMdd),
/// Count and the References acknowledged (at most the cap, so the row stays small). The first acknowledgement of the
/// day inserts the row: one request. Later ones read it and write Count + 1 conditional on its ETag (three requests
/// with the insert's 409); a withheld one only reads. A reference already in the row is answered yes again, so a
/// retried routing counts once.
/// </summary>
public sealed class TableAcknowledgementCap(StorageAccount storage, LimitKeys keys, IOptions<IntakeOptions> options, TimeProvider time)
    : IAcknowledgementCap
{
    private const int MaxTries = 8;

    private TableClient Table => storage.Table(TableNames.AcknowledgementCounts);

    public async Task<bool> TryCountAsync(string email, string reference, CancellationToken cancellationToken)
    {
        var partition = keys.For("ack", AcknowledgementAddress.Normalise(email));
        var day = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var first = new TableEntity(partition, day) { ["Count"] = 1, ["References"] = reference };
        if (await Table.TryAddAsync(first, cancellationToken) is not null)
        {
            return true;
        }

        for (var tries = 0; tries < MaxTries; tries++)
        {
            var row = await Table.FindAsync(partition, day, cancellationToken, ["Count", "References"]);
            if (row is null)
            {
                if (await Table.TryAddAsync(first, cancellationToken) is not null)
                {
                    return true;
                }

                continue;
            }

            var references = (row.GetString("References") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (references.Contains(reference, StringComparer.Ordinal))
            {
                return true;
            }

            var count = row.GetInt32("Count") ?? 0;
            if (count >= options.Value.MailsPerAddressPerDay)
            {
                return false;
            }

            var next = new TableEntity(partition, day) { ["Count"] = count + 1, ["References"] = string.Join(',', references.Append(reference)) };
            if (await Table.TryUpdateAsync(next, row.ETag, TableUpdateMode.Merge, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException("The acknowledgement count kept changing; routing is retried.");
    }
}
