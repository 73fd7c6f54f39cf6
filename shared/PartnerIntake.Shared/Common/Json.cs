using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerIntake.Shared.Common;

/// <summary>The one JSON shape we store and speak: camelCase, no nulls written.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
