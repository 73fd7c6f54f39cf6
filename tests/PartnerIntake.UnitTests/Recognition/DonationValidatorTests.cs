using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.UnitTests.Recognition;

public class DonationValidatorTests
{
    public static readonly string Valid = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json"));

    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void Validate_ContractExample_IsValid()
    {
        var result = Validate(JsonNode.Parse(Valid)!);

        result.IsValid.ShouldBeTrue();
        result.Value!.Collection.Files.ShouldBe(5000);
        result.Value.DonatedOn.ShouldBe(new DateOnly(2026, 11, 1));
    }

    [Theory]
    [InlineData("institution.name", null, "Is required.")]
    [InlineData("institution.country", "XX", "ISO 3166-1")]
    [InlineData("institution.website", "ftp://x", "web address")]
    [InlineData("contact.email", "anna(at)example.org", "e-mail address")]
    [InlineData("contact.name", "Anna\r\nBcc: x@y.z", "single line")]
    [InlineData("contact.language", "Polish", "language code")]
    [InlineData("collection.commonsCategory", "Paintings", "Commons category")]
    [InlineData("collection.files", 0, "whole number of files")]
    [InlineData("collection.files", "many", "whole number of files")]
    [InlineData("collection.license", "All rights reserved", "Must be one of")]
    [InlineData("donatedOn", "01/11/2026", "yyyy-MM-dd")]
    [InlineData("donatedOn", "2027-01-01", "future")]
    [InlineData("creditLine", "<b>MNW</b>", "single line")]
    [InlineData("brokeredBy", "Wikimedia Polska", "entity id")]
    [InlineData("inquiryReference", "12345", "inquiry reference")]
    public void Validate_InvalidField_ReportsFieldAndReason(string path, object? value, string reason)
    {
        var node = JsonNode.Parse(Valid)!;
        var parts = path.Split('.');
        (parts.Length == 1 ? node : node[parts[0]]!)[parts[^1]] = value is null ? null : JsonValue.Create(value);

        var errors = Validate(node).Errors.ToDictionary();

        errors.ShouldContainKey(path);
        errors[path].ShouldContain(m => m.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownField_IsRejected()
    {
        var node = JsonNode.Parse(Valid)!;
        node["collection"]!["size"] = "large";

        Validate(node).Errors.ToDictionary().ShouldContainKey("collection.size");
    }

    private static PartnerIntake.Shared.Common.Validated<DonationSubmission> Validate(JsonNode node)
    {
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return DonationValidator.Validate(doc.RootElement, Today);
    }
}

public class DonationCsvTests
{
    private static readonly string Header = string.Join(',', DonationCsv.Columns);

    [Fact]
    public void Parse_ValidRows_AllDonations()
    {
        var csv = $"""
            {Header}
            Muzeum Narodowe w Warszawie,PL,https://mnw.art.pl,Anna Nowak,anna@example.org,pl,19th-century paintings,Category:Paintings in the National Museum in Warsaw,5000,CC BY-SA 4.0,2026-11-01,"Muzeum Narodowe w Warszawie, CC BY-SA 4.0",wikimedia-polska,
            Museo del Prado,ES,,Ana García,ana@example.es,es,Goya drawings,Category:Drawings by Goya in the Prado,120,CC0 1.0,2026-10-15,Museo Nacional del Prado,,
            """;

        var (donations, errors) = DonationCsv.Parse(csv, new DateOnly(2026, 11, 21));

        errors.ShouldBeEmpty();
        donations.Count.ShouldBe(2);
        donations[0].CreditLine.ShouldBe("Muzeum Narodowe w Warszawie, CC BY-SA 4.0");
        donations[1].Institution.Website.ShouldBeNull();
    }

    [Fact]
    public void Parse_OneInvalidRow_ReportsItsLineAndFieldAndReturnsNothing()
    {
        var csv = $"""
            {Header}
            Muzeum Narodowe w Warszawie,PL,,Anna Nowak,anna@example.org,pl,Paintings,Category:Paintings in the National Museum in Warsaw,5000,CC BY-SA 4.0,2026-11-01,MNW,,
            Museo del Prado,ES,,Ana García,not-an-email,es,Goya drawings,Category:Drawings by Goya in the Prado,120,CC0 1.0,2026-10-15,Museo Nacional del Prado,,
            """;

        var (donations, errors) = DonationCsv.Parse(csv, new DateOnly(2026, 11, 21));

        donations.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().ShouldBe(errors[0] with { Line = 3, Field = "contact.email" });
    }

    [Fact]
    public void Parse_UnclosedQuote_ReportsItsLineAndReturnsNothing()
    {
        // The last field's quote is never closed: it used to read as if it were.
        var csv = $"""
            {Header}
            Muzeum Narodowe w Warszawie,PL,,Anna Nowak,anna@example.org,pl,Paintings,Category:Paintings in the National Museum in Warsaw,5000,CC BY-SA 4.0,2026-11-01,MNW,,
            Museo del Prado,ES,,Ana García,ana@example.es,es,Goya drawings,Category:Drawings by Goya in the Prado,120,CC0 1.0,2026-10-15,Museo Nacional del Prado,,"
            """;

        var (donations, errors) = DonationCsv.Parse(csv, new DateOnly(2026, 11, 21));

        donations.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().ShouldBe(new CsvRowError(3, "$", "A quote opened on this line is never closed."));
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrlf_AsExportedBySpreadsheets()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + "Museo del Prado,ES,,Ana García,ana@example.es,es,Goya drawings,Category:Drawings by Goya in the Prado,120,CC0 1.0,2026-10-15,Museo Nacional del Prado,,\r\n";

        var (donations, errors) = DonationCsv.Parse(csv, new DateOnly(2026, 11, 21));

        errors.ShouldBeEmpty();
        donations.ShouldHaveSingleItem().CreditLine.ShouldBe("Museo Nacional del Prado");
    }

    [Fact]
    public void Parse_WrongHeader_IsRejected()
    {
        DonationCsv.Parse("name,email\nX,y", new DateOnly(2026, 11, 21)).Errors.ShouldHaveSingleItem().Line.ShouldBe(1);
    }
}
