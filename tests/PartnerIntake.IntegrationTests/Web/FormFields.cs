namespace PartnerIntake.IntegrationTests.Web;

/// <summary>The partner form's fields, named by the contract's JSON paths, filled in as a partner would.</summary>
public static class FormFields
{
    public static List<KeyValuePair<string, string>> Valid(string organization = "Muzeum Narodowe w Warszawie") =>
    [
        new("organization.name", organization),
        new("organization.type", "museum"),
        new("organization.website", "https://mnw.art.pl"),
        new("organization.country", "PL"),
        new("organization.subdivision", ""),
        new("contact.name", "Anna Kowalska"),
        new("contact.email", "anna@example.org"),
        new("contact.role", "Head of digital collections"),
        new("contact.language", "pl"),
        new("topics", "content-donation"),
        new("topics", "education"),
        new("scale", "national"),
        new("agreement", "formal"),
        new("contentLanguages", "pl"),
        new("contentLanguages", "en"),
        new("message", "We would like to release 5,000 scans of 19th-century prints."),
        new("consent", "true"),
        new("homepage", ""),
    ];

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value) =>
        fields.Where(f => f.Key != name).Append(new(name, value)).ToList();

    public static List<KeyValuePair<string, string>> Without(this List<KeyValuePair<string, string>> fields, string name) =>
        fields.Where(f => f.Key != name).ToList();
}
