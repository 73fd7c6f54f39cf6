using System.Text.Json.Nodes;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Inquiry bodies for tests: the contract's example, changed per test.</summary>
public static class Inquiries
{
    public const string Valid = """
        {
          "organization": { "name": "Muzeum Narodowe w Warszawie", "type": "museum",
                            "website": "https://mnw.art.pl", "country": "PL", "subdivision": null },
          "contact": { "name": "Anna Nowak", "email": "anna@example.org", "role": "Digital curator", "language": "pl" },
          "topics": ["content-donation"],
          "scale": "national",
          "agreement": "formal",
          "contentLanguages": ["pl"],
          "message": "We would like to release 5,000 scans of 19th-century paintings.",
          "consent": true
        }
        """;

    public static string With(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Valid)!;
        change(node);
        return node.ToJsonString();
    }
}
