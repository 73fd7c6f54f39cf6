using System.Text.Json.Nodes;

namespace PartnerIntake.IntegrationTests.Deployment;

/// <summary>The compiled ARM template of infra/main.bicep, with every module's nested template walked.</summary>
public sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root => root;

    /// <summary>The whole template as text, for "nowhere in it" checks.</summary>
    public string Text { get; } = root.ToJsonString();

    /// <summary>Every resource with the module (deployment name) it is declared in; "main" for the top level.</summary>
    public IReadOnlyList<(string Module, JsonObject Resource)> Resources { get; } = Walk(root, "main").ToList();

    public IEnumerable<JsonObject> OfType(string type, string? module = null) =>
        Resources.Where(r => (string?)r.Resource["type"] == type && (module is null || r.Module == module)).Select(r => r.Resource);

    /// <summary>The nested template of a module (e.g. "keyvault").</summary>
    public JsonObject Module(string name) =>
        (JsonObject)OfType("Microsoft.Resources/deployments", "main").Single(d => (string?)d["name"] == name)["properties"]!["template"]!;

    /// <summary>The expression main.bicep passes to a module's parameter.</summary>
    public string ModuleParameter(string module, string parameter) =>
        (string)OfType("Microsoft.Resources/deployments", "main").Single(d => (string?)d["name"] == module)
            ["properties"]!["parameters"]![parameter]!["value"]!;

    /// <summary>
    /// The app settings one app gets: what main.bicep passes as the module's <c>settings</c> plus what the module's
    /// appsettings resource adds, as setting name → ARM expression of its value.
    /// </summary>
    public Dictionary<string, string> AppSettings(string module)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var own = (JsonObject)((JsonArray)Module(module)["resources"]!)
            .Single(r => (string?)r!["type"] == "Microsoft.Web/sites/config" && ((string?)r["name"])!.Contains("'appsettings'", StringComparison.Ordinal))!;
        foreach (var expression in new[] { ModuleParameter(module, "settings"), (string)own["properties"]! })
        {
            foreach (var (name, value) in ArmExpression.CreateObjectPairs(expression))
            {
                settings[name] = value;
            }
        }

        return settings;
    }

    private static IEnumerable<(string Module, JsonObject Resource)> Walk(JsonObject template, string module)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return (module, resource);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(nested, (string)resource["name"]!))
                {
                    yield return inner;
                }
            }
        }
    }
}
