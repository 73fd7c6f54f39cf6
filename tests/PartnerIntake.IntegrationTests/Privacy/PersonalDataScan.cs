using Azure.Data.Tables;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>Where a value occurs in a storage account and a folder: every row of every table, every file (any case).</summary>
public static class PersonalDataScan
{
    public sealed record Hit(string Table, string PartitionKey, string RowKey);

    public static async Task<List<Hit>> TablesAsync(StorageAccount storage, params string[] needles)
    {
        var hits = new List<Hit>();
        await foreach (var table in storage.Tables.QueryAsync())
        {
            await foreach (var row in storage.Table(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join('\n', row.Select(p => $"{p.Key}={p.Value}"));
                if (needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                {
                    hits.Add(new Hit(table.Name, row.PartitionKey, row.RowKey));
                }
            }
        }

        return hits;
    }

    public static List<string> Files(string folder, params string[] needles) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => needles.Any(n => File.ReadAllText(f).Contains(n, StringComparison.OrdinalIgnoreCase)))
                .ToList()
            : [];
}
