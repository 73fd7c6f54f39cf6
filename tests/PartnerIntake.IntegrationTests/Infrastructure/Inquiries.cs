using System.Text.Json.Nodes;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Inquiry bodies for tests: the contract's example, changed per test.</summary>
public static class Inquiries
{
    public static readonly string Valid = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "inquiry.json"));

    public static string With(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Valid)!;
        change(node);
        return node.ToJsonString();
    }
}
