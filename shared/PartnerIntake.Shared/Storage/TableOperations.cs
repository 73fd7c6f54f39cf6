using Azure;
using Azure.Data.Tables;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The table calls the adapters make, each behind <see cref="StorageAccount.Guard{T}"/>, with the expected answers
/// (404 on a read, 409 on an insert, 412 on a conditional write) turned into results rather than exceptions.
/// </summary>
internal static class TableOperations
{
    /// <summary>Reads every page of a query, stopping once <paramref name="max"/> rows are read.</summary>
    public static Task<List<TableEntity>> QueryListAsync(
        this TableClient table, string filter, CancellationToken cancellationToken, int max = int.MaxValue, IEnumerable<string>? select = null) =>
        StorageAccount.Guard(async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var page in table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), select, cancellationToken).AsPages())
            {
                rows.AddRange(page.Values.Take(max - rows.Count));
                if (rows.Count >= max)
                {
                    break;
                }
            }

            return rows;
        });

    /// <summary>One page of a query and the token for the next (null at the end).</summary>
    public static Task<(IReadOnlyList<TableEntity> Rows, string? Next)> QueryPageAsync(
        this TableClient table, string? filter, int pageSize, string? continuation, CancellationToken cancellationToken, IEnumerable<string>? select = null) =>
        StorageAccount.Guard(async () =>
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, select, cancellationToken).AsPages(continuation, pageSize))
            {
                return ((IReadOnlyList<TableEntity>)page.Values, page.ContinuationToken);
            }

            return ([], (string?)null);
        });

    public static Task<TableEntity?> FindAsync(
        this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken, IEnumerable<string>? select = null) =>
        StorageAccount.Guard(async () =>
        {
            var result = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
            return result.HasValue ? result.Value : null;
        });

    /// <summary>Inserts the row; null if a row with its keys exists (409), else the new ETag.</summary>
    public static async Task<ETag?> TryAddAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await StorageAccount.Guard(() => table.AddEntityAsync(entity, cancellationToken));
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>A conditional write; false when the row changed since <paramref name="etag"/> (412) or is gone (404).</summary>
    public static async Task<bool> TryUpdateAsync(
        this TableClient table, TableEntity entity, ETag etag, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        try
        {
            await StorageAccount.Guard(() => table.UpdateEntityAsync(entity, etag, mode, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public static Task UpsertAsync(this TableClient table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => table.UpsertEntityAsync(entity, mode, cancellationToken));

    /// <summary>Merges into an existing row whatever its ETag; false when there is no such row.</summary>
    public static Task<bool> TryMergeAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        table.TryUpdateAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Deletes the row (only if unchanged since <paramref name="etag"/>, when given); a missing row is not an error.</summary>
    public static async Task<bool> TryDeleteAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken, ETag? etag = null)
    {
        try
        {
            // The SDK itself treats 404 on delete as success.
            await StorageAccount.Guard(() => table.DeleteEntityAsync(partitionKey, rowKey, etag ?? ETag.All, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Only the properties that have a value: the service stores no nulls, and a merge must not send them.</summary>
    public static TableEntity With(this TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }

        return entity;
    }
}
