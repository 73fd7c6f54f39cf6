using System.Text.Json;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.UnitTests.Recognition;

/// <summary>The console's donation form goes through the API's validator: same submission, same errors.</summary>
public class DonationFormFieldsTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static Dictionary<string, string?> Valid() => new(StringComparer.Ordinal)
    {
        ["institution.name"] = "Muzeum Narodowe w Warszawie",
        ["institution.country"] = "PL",
        ["institution.website"] = "https://mnw.art.pl",
        ["contact.name"] = "Anna Nowak",
        ["contact.email"] = "anna@example.org",
        ["contact.language"] = "pl",
        ["collection.title"] = "19th-century paintings",
        ["collection.commonsCategory"] = "Category:Paintings in the National Museum in Warsaw",
        ["collection.files"] = "5000",
        ["collection.license"] = "CC BY-SA 4.0",
        ["donatedOn"] = "2026-11-01",
        ["creditLine"] = "Muzeum Narodowe w Warszawie, CC BY-SA 4.0",
        ["brokeredBy"] = "wikimedia-polska",
        ["inquiryReference"] = "",
    };

    [Fact]
    public void Validate_TheApiTestDonation_SameSubmissionAsTheApi()
    {
        using var api = JsonDocument.Parse("""
            {
              "institution": { "name": "Muzeum Narodowe w Warszawie", "country": "PL", "website": "https://mnw.art.pl" },
              "contact": { "name": "Anna Nowak", "email": "anna@example.org", "language": "pl" },
              "collection": { "title": "19th-century paintings", "commonsCategory": "Category:Paintings in the National Museum in Warsaw",
                              "files": 5000, "license": "CC BY-SA 4.0" },
              "donatedOn": "2026-11-01",
              "creditLine": "Muzeum Narodowe w Warszawie, CC BY-SA 4.0",
              "brokeredBy": "wikimedia-polska",
              "inquiryReference": null
            }
            """);

        var fromForm = DonationFormFields.Validate(Valid(), Today);
        var fromApi = DonationValidator.Validate(api.RootElement, Today);

        fromForm.IsValid.ShouldBeTrue();
        fromForm.Value.ShouldBe(fromApi.Value);
    }

    [Fact]
    public void Validate_BlankRequiredFields_AnErrorPerFieldAndNoneForTheGroups()
    {
        var fields = Valid();
        fields["institution.name"] = "  ";
        fields["contact.email"] = null;
        fields.Remove("collection.title");

        var result = DonationFormFields.Validate(fields, Today);

        result.IsValid.ShouldBeFalse();
        result.Errors.ToDictionary().Keys.ShouldBe(["institution.name", "contact.email", "collection.title"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_EmptyForm_EveryRequiredFieldNamed()
    {
        var result = DonationFormFields.Validate(new Dictionary<string, string?>(), Today);

        result.Errors.ToDictionary().Keys.ShouldBe(
            ["institution.name", "institution.country", "contact.name", "contact.email", "collection.title", "collection.commonsCategory",
             "collection.files", "collection.license", "donatedOn", "creditLine"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("collection.files", "many")]
    [InlineData("collection.files", "0")]
    [InlineData("institution.country", "Poland")]
    [InlineData("donatedOn", "01/11/2026")]
    [InlineData("donatedOn", "2026-12-31")]
    [InlineData("inquiryReference", "PI-1")]
    [InlineData("collection.license", "All rights reserved")]
    public void Validate_BadValue_ErrorOnThatFieldOnly(string field, string value)
    {
        var fields = Valid();
        fields[field] = value;

        var result = DonationFormFields.Validate(fields, Today);

        result.Errors.ToDictionary().Keys.ShouldBe([field]);
    }
}
