using Microsoft.WindowsAzure.Storage.Table;

namespace PartnerIntake.Shared.Storage;

internal static class EntityExtensions
{
    public static EntityProperty? Prop(this DynamicTableEntity entity, string name) =>
        entity.Properties.TryGetValue(name, out var value) ? value : null;
}
