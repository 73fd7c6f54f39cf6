using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// ASP.NET Core Data Protection keys (antiforgery tokens, console cookies, form timing tokens) in a
/// table, so that every instance of the app can read what another one protected. The key ring is
/// cached by the framework and re-read about once a day, so this is off every hot path.
/// </summary>
public sealed class TableXmlRepository(StorageAccount storage) : IXmlRepository
{
    private const string Partition = "keys";

    private TableClient Table => storage.Table(TableNames.DataProtectionKeys);

    // IXmlRepository is synchronous by contract; it is called once per key-ring refresh, never per request.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var entity = new TableEntity(Partition, friendlyName)
        {
            ["Xml"] = element.ToString(SaveOptions.DisableFormatting),
        };
        Table.UpsertAsync(entity, TableUpdateMode.Replace, CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        await StorageAccount.Guard(() => Table.CreateIfNotExistsAsync());
        var rows = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), CancellationToken.None);
        return rows.Select(e => XElement.Parse(e.GetString("Xml") ?? throw new InvalidOperationException($"Data protection key {e.RowKey} has no XML.")))
            .ToList();
    }
}
