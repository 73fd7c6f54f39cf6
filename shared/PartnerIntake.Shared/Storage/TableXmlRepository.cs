using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.WindowsAzure.Storage.Table;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// ASP.NET Core Data Protection keys (antiforgery tokens, console cookies, form timing tokens) in a
/// table, so that every instance of the app can read what another one protected. The key ring is
/// cached by the framework and re-read about once a day, so this is off every hot path.
/// </summary>
public sealed class TableXmlRepository(StorageAccount storage) : IXmlRepository
{
    private const string Partition = "keys";

    private CloudTable Table => storage.Table(TableNames.DataProtectionKeys);

    // IXmlRepository is synchronous by contract; it is called once per key-ring refresh, never per request.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var entity = new DynamicTableEntity(Partition, friendlyName);
        entity.Properties["Xml"] = new EntityProperty(element.ToString(SaveOptions.DisableFormatting));
        StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.InsertOrReplace(entity))).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        await StorageAccount.Guard(() => Table.CreateIfNotExistsAsync());
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition(nameof(ITableEntity.PartitionKey), QueryComparisons.Equal, Partition));
        var elements = new List<XElement>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, token));
            elements.AddRange(segment.Results.Select(e => XElement.Parse(e.Properties["Xml"].StringValue)));
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return elements;
    }
}
