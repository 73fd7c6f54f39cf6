using Azure.Data.Tables;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Routing tables in Table storage, one partition per version (PartitionKey = version), plus a
/// pointer row naming the live version. Importing writes a whole new partition, then moves the
/// pointer, so readers never see half a version. Every change of the pointer also leaves a row in the history partition
/// (RowKey = inverted ticks, so it reads newest first): which version, how (seed, import, rollback), who, when, row counts.
/// </summary>
public sealed class TableRoutingTablesStore(StorageAccount storage)
{
    private const string PointerPartition = "live";
    private const string PointerRow = "current";
    private const string HistoryPartition = "history";

    /// <summary>The actor of versions the app puts live by itself: the repository's seed on start.</summary>
    public const string AppActor = "app (repository seed)";

    public async Task<string?> GetLiveVersionAsync(CancellationToken cancellationToken) =>
        (await GetLiveAsync(cancellationToken))?.Version;

    /// <summary>The live version and where it came from: "seed" (the repository's data) or "import" (an operator).</summary>
    public async Task<(string Version, string Source)?> GetLiveAsync(CancellationToken cancellationToken)
    {
        var e = await storage.Table(TableNames.RoutingVersions).FindAsync(PointerPartition, PointerRow, cancellationToken);
        return e?.GetString("Version") is { } version
            ? (version, e.GetString("Source") ?? "seed")
            : null;
    }

    /// <summary>Writes the version's rows and makes it live unless another writer made something else live first.</summary>
    public async Task ImportAsync(
        RoutingTables tables, DateTimeOffset at, bool onlyIfEmpty, CancellationToken cancellationToken, string source = "import", string actor = AppActor)
    {
        await WriteBatchesAsync(TableNames.RoutingEntities, tables.Entities.Select(e => EntityRow(tables.Version, e)), cancellationToken);
        await WriteBatchesAsync(TableNames.RoutingRegions, tables.Regions.Select(r => RegionRow(tables.Version, r)), cancellationToken);
        await WriteBatchesAsync(TableNames.RoutingTopics, tables.Topics.Select((t, i) => TopicRow(tables.Version, i, t)), cancellationToken);

        var pointer = new TableEntity(PointerPartition, PointerRow)
        {
            ["Version"] = tables.Version,
            ["ImportedAt"] = at,
            ["Source"] = source,
        };
        var versions = storage.Table(TableNames.RoutingVersions);
        if (onlyIfEmpty)
        {
            // Several instances may seed at once: an insert lets exactly one win when the table is empty.
            // Null (409): someone else seeded first; theirs is live.
            if (await versions.TryAddAsync(pointer, cancellationToken) is null)
            {
                return;
            }
        }
        else
        {
            await versions.UpsertAsync(pointer, TableUpdateMode.Replace, cancellationToken);
        }

        await AddHistoryAsync(new RoutingVersionChange(tables.Version, source, actor, at, tables.Entities.Count, tables.Regions.Count, tables.Topics.Count), cancellationToken);
    }

    /// <summary>Makes a version kept in storage live again and returns its tables; null when no such version is stored.</summary>
    public async Task<RoutingTables?> RollBackAsync(string version, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var tables = await LoadAsync(version, cancellationToken);
        if (tables is null)
        {
            return null;
        }

        await storage.Table(TableNames.RoutingVersions).UpsertAsync(new TableEntity(PointerPartition, PointerRow)
        {
            ["Version"] = version,
            ["ImportedAt"] = at,
            ["Source"] = RoutingVersionChange.Rollback,
        }, TableUpdateMode.Replace, cancellationToken);
        await AddHistoryAsync(new RoutingVersionChange(version, RoutingVersionChange.Rollback, actor, at, tables.Entities.Count, tables.Regions.Count, tables.Topics.Count), cancellationToken);
        return tables;
    }

    /// <summary>The changes of the live version, newest first (versions made live before the history was kept are not in it).</summary>
    public async Task<IReadOnlyList<RoutingVersionChange>> HistoryAsync(int max, CancellationToken cancellationToken)
    {
        var rows = await storage.Table(TableNames.RoutingVersions)
            .QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {HistoryPartition}"), cancellationToken, Math.Clamp(max, 1, 1000));
        return rows.Take(max).Select(e => new RoutingVersionChange(
            Str(e, "Version"),
            Str(e, "Source"),
            Str(e, "Actor"),
            e.GetDateTimeOffset("At") ?? e.Timestamp ?? default,
            e.GetInt32("Entities") ?? 0,
            e.GetInt32("Regions") ?? 0,
            e.GetInt32("Topics") ?? 0)).ToList();
    }

    private Task AddHistoryAsync(RoutingVersionChange change, CancellationToken cancellationToken)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - change.At.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var row = new TableEntity(HistoryPartition, $"{inverted}|{Guid.NewGuid():N}")
        {
            ["Version"] = change.Version,
            ["Source"] = change.Source,
            ["Actor"] = change.Actor,
            ["At"] = change.At,
            ["Entities"] = change.Entities,
            ["Regions"] = change.Regions,
            ["Topics"] = change.Topics,
        };
        var table = storage.Table(TableNames.RoutingVersions);
        return StorageAccount.Guard(() => table.AddEntityAsync(row, cancellationToken));
    }

    public async Task<RoutingTables?> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var entities = (await ReadPartitionAsync(TableNames.RoutingEntities, version, cancellationToken)).Select(e => new MovementEntity(
            e.RowKey,
            Str(e, "Name"),
            Str(e, "Kind"),
            e.GetBoolean("LegalEntity") ?? false,
            Str(e, "Languages").Split(';', StringSplitOptions.RemoveEmptyEntries),
            Str(e, "Contact"),
            e.GetInt32("AckSlaDays") ?? 5,
            e.GetBoolean("Active") ?? false,
            e.GetString("InactiveReason"),
            e.GetString("InactiveSince") is { } since ? DateOnly.ParseExact(since, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null)
        {
            Fallback = e.GetString("Fallback"),
        }).ToList();
        if (entities.Count == 0)
        {
            return null;
        }

        var regions = (await ReadPartitionAsync(TableNames.RoutingRegions, version, cancellationToken))
            .Select(e => new RegionRoute(Str(e, "Country"), e.GetString("Subdivision"),
                Str(e, "Entities").Split(';', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var topics = (await ReadPartitionAsync(TableNames.RoutingTopics, version, cancellationToken))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal) // row order is rule precedence
            .Select(e => new TopicRoute(Str(e, "Topic"), Str(e, "Entity"), Str(e, "Policy"), RuleCondition.Parse(Str(e, "When"), [])))
            .ToList();
        return new RoutingTables(version, entities, regions, topics);
    }

    private static TableEntity EntityRow(string version, MovementEntity e) =>
        new TableEntity(version, e.Id)
        {
            ["Name"] = e.Name,
            ["Kind"] = e.Kind,
            ["LegalEntity"] = e.LegalEntity,
            ["Languages"] = string.Join(';', e.Languages),
            ["Contact"] = e.Contact,
            ["AckSlaDays"] = e.AckSlaDays,
            ["Active"] = e.Active,
        }
        .With("InactiveReason", e.InactiveReason)
        .With("InactiveSince", e.InactiveSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        .With("Fallback", e.Fallback);

    private static TableEntity RegionRow(string version, RegionRoute r) =>
        new TableEntity(version, r.Subdivision ?? r.Country)
        {
            ["Country"] = r.Country,
            ["Entities"] = string.Join(';', r.EntityIds),
        }
        .With("Subdivision", r.Subdivision);

    private static TableEntity TopicRow(string version, int order, TopicRoute t) =>
        new(version, order.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Topic"] = t.Topic,
            ["When"] = t.When.ToString(),
            ["Entity"] = t.EntityId,
            ["Policy"] = t.Policy,
        };

    private async Task WriteBatchesAsync(string tableName, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        foreach (var chunk in rows.Chunk(100)) // an entity group transaction holds at most 100 operations
        {
            var actions = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)).ToList();
            await StorageAccount.Guard(() => table.SubmitTransactionAsync(actions, cancellationToken));
        }
    }

    private Task<List<TableEntity>> ReadPartitionAsync(string tableName, string partition, CancellationToken cancellationToken) =>
        storage.Table(tableName).QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);

    private static string Str(TableEntity e, string name) => e.GetString(name) ?? "";
}
