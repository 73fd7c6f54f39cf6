using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Routing tables in Table storage, one partition per version (PartitionKey = version), plus a
/// pointer row naming the live version. Importing writes a whole new partition, then moves the
/// pointer, so readers never see half a version.
/// </summary>
public sealed class TableRoutingTablesStore(StorageAccount storage)
{
    private const string PointerPartition = "live";
    private const string PointerRow = "current";

    public async Task<string?> GetLiveVersionAsync(CancellationToken cancellationToken) =>
        (await GetLiveAsync(cancellationToken))?.Version;

    /// <summary>The live version and where it came from: "seed" (the repository's data) or "import" (an operator).</summary>
    public async Task<(string Version, string Source)?> GetLiveAsync(CancellationToken cancellationToken)
    {
        var result = await StorageAccount.Guard(() => storage.Table(TableNames.RoutingVersions)
            .ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(PointerPartition, PointerRow), null, null, cancellationToken));
        return result.Result is DynamicTableEntity e && e.Prop("Version")?.StringValue is { } version
            ? (version, e.Prop("Source")?.StringValue ?? "seed")
            : null;
    }

    /// <summary>Writes the version's rows and makes it live unless another writer made something else live first.</summary>
    public async Task ImportAsync(RoutingTables tables, DateTimeOffset at, bool onlyIfEmpty, CancellationToken cancellationToken, string source = "import")
    {
        await WriteBatchesAsync(TableNames.RoutingEntities, tables.Entities.Select(e => EntityRow(tables.Version, e)), cancellationToken);
        await WriteBatchesAsync(TableNames.RoutingRegions, tables.Regions.Select(r => RegionRow(tables.Version, r)), cancellationToken);
        await WriteBatchesAsync(TableNames.RoutingTopics, tables.Topics.Select((t, i) => TopicRow(tables.Version, i, t)), cancellationToken);

        var pointer = new DynamicTableEntity(PointerPartition, PointerRow);
        pointer.Properties["Version"] = new EntityProperty(tables.Version);
        pointer.Properties["ImportedAt"] = new EntityProperty(at);
        pointer.Properties["Source"] = new EntityProperty(source);
        try
        {
            // Several instances may seed at once: Insert lets exactly one win when the table is empty.
            var operation = onlyIfEmpty ? TableOperation.Insert(pointer) : TableOperation.InsertOrReplace(pointer);
            await StorageAccount.Guard(() => storage.Table(TableNames.RoutingVersions).ExecuteAsync(operation, null, null, cancellationToken));
        }
        catch (StorageException ex) when (onlyIfEmpty && StorageAccount.StatusOf(ex) == 409)
        {
            // Someone else seeded first: theirs is live.
        }
    }

    public async Task<RoutingTables?> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var entities = (await ReadPartitionAsync(TableNames.RoutingEntities, version, cancellationToken)).Select(e => new MovementEntity(
            e.RowKey,
            Str(e, "Name"),
            Str(e, "Kind"),
            e.Properties["LegalEntity"].BooleanValue ?? false,
            Str(e, "Languages").Split(';', StringSplitOptions.RemoveEmptyEntries),
            Str(e, "Contact"),
            e.Properties["AckSlaDays"].Int32Value ?? 5,
            e.Properties["Active"].BooleanValue ?? false,
            e.Prop("InactiveReason")?.StringValue,
            e.Prop("InactiveSince")?.StringValue is { } since ? DateOnly.ParseExact(since, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null)
        {
            Fallback = e.Prop("Fallback")?.StringValue,
        }).ToList();
        if (entities.Count == 0)
        {
            return null;
        }

        var regions = (await ReadPartitionAsync(TableNames.RoutingRegions, version, cancellationToken))
            .Select(e => new RegionRoute(Str(e, "Country"), e.Prop("Subdivision")?.StringValue,
                Str(e, "Entities").Split(';', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var topics = (await ReadPartitionAsync(TableNames.RoutingTopics, version, cancellationToken))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal) // row order is rule precedence
            .Select(e => new TopicRoute(Str(e, "Topic"), Str(e, "Entity"), Str(e, "Policy"), RuleCondition.Parse(Str(e, "When"), [])))
            .ToList();
        return new RoutingTables(version, entities, regions, topics);
    }

    private static DynamicTableEntity EntityRow(string version, MovementEntity e)
    {
        var row = new DynamicTableEntity(version, e.Id);
        row.Properties["Name"] = new EntityProperty(e.Name);
        row.Properties["Kind"] = new EntityProperty(e.Kind);
        row.Properties["LegalEntity"] = new EntityProperty(e.LegalEntity);
        row.Properties["Languages"] = new EntityProperty(string.Join(';', e.Languages));
        row.Properties["Contact"] = new EntityProperty(e.Contact);
        row.Properties["AckSlaDays"] = new EntityProperty(e.AckSlaDays);
        row.Properties["Active"] = new EntityProperty(e.Active);
        if (e.InactiveReason is not null)
        {
            row.Properties["InactiveReason"] = new EntityProperty(e.InactiveReason);
        }

        if (e.InactiveSince is { } since)
        {
            row.Properties["InactiveSince"] = new EntityProperty(since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (e.Fallback is not null)
        {
            row.Properties["Fallback"] = new EntityProperty(e.Fallback);
        }

        return row;
    }

    private static DynamicTableEntity RegionRow(string version, RegionRoute r)
    {
        var row = new DynamicTableEntity(version, r.Subdivision ?? r.Country);
        row.Properties["Country"] = new EntityProperty(r.Country);
        if (r.Subdivision is not null)
        {
            row.Properties["Subdivision"] = new EntityProperty(r.Subdivision);
        }

        row.Properties["Entities"] = new EntityProperty(string.Join(';', r.EntityIds));
        return row;
    }

    private static DynamicTableEntity TopicRow(string version, int order, TopicRoute t)
    {
        var row = new DynamicTableEntity(version, order.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        row.Properties["Topic"] = new EntityProperty(t.Topic);
        row.Properties["When"] = new EntityProperty(t.When.ToString());
        row.Properties["Entity"] = new EntityProperty(t.EntityId);
        row.Properties["Policy"] = new EntityProperty(t.Policy);
        return row;
    }

    private async Task WriteBatchesAsync(string tableName, IEnumerable<DynamicTableEntity> rows, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        foreach (var chunk in rows.Chunk(100)) // an entity group transaction holds at most 100 operations
        {
            var batch = new TableBatchOperation();
            foreach (var row in chunk)
            {
                batch.InsertOrReplace(row);
            }

            await StorageAccount.Guard(() => table.ExecuteBatchAsync(batch, null, null, cancellationToken));
        }
    }

    private async Task<List<DynamicTableEntity>> ReadPartitionAsync(string tableName, string partition, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partition));
        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            rows.AddRange(segment.Results);
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return rows;
    }

    private static string Str(DynamicTableEntity e, string name) => e.Prop(name)?.StringValue ?? "";
}
