using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

/// <summary>Names and roles are echoed in the acknowledgement: no links, no addresses, no direction overrides.</summary>
public class InquiryValidatorLinksTests
{
    private const string NoLinks = "Must not contain links, web addresses or e-mail addresses.";

    [Theory]
    [InlineData("contact.name", "Winner, visit http://scam.example")]
    [InlineData("contact.name", "Winner, visit scam.example")]
    [InlineData("contact.name", "see www.scam-example.com")]
    [InlineData("contact.name", "write to prize@scam.example")]
    [InlineData("contact.role", "Claim at hxxp://scam.example now")]
    [InlineData("contact.role", "Prize desk scam.co.uk")]
    [InlineData("organization.name", "Museum http://scam.example")]
    [InlineData("organization.name", "WWW.SCAM.EXAMPLE")]
    [InlineData("organization.name", "Museum (prize@scam.example)")]
    public void Validate_LinkOrAddressInName_ReportsTheField(string path, string value)
    {
        var result = Validate(With(path, value));

        result.IsValid.ShouldBeFalse();
        result.Errors.ToDictionary()[path].ShouldBe([NoLinks]);
    }

    [Theory]
    [InlineData("organization.name", "Wikimedia Deutschland e. V.")]
    [InlineData("organization.name", "Museum.Digital")]
    [InlineData("organization.name", "Booking.com")]
    [InlineData("organization.name", "Museum@Home")]
    [InlineData("contact.name", "J. R. R. Tolkien")]
    [InlineData("contact.name", "Anna-Maria Nowak-Kowalska")]
    [InlineData("contact.name", "محمد عبد الله")]
    [InlineData("contact.role", "Dir. of Collections")]
    public void Validate_RealName_IsValid(string path, string value)
    {
        Validate(With(path, value)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("contact.name", "Anna \u202Eelpmaxe.macs")]
    [InlineData("organization.name", "Museum \u2066x\u2069")]
    [InlineData("contact.role", "\u202ACurator")]
    public void Validate_BidirectionalOverride_ReportsTheField(string path, string value)
    {
        var result = Validate(With(path, value));

        result.Errors.ToDictionary()[path].ShouldBe(["Must not contain text-direction control characters."]);
    }

    private static JsonNode With(string path, string value)
    {
        var node = JsonNode.Parse(InquiryValidatorTests.ValidJson)!;
        var parts = path.Split('.');
        node[parts[0]]![parts[1]] = value;
        return node;
    }

    private static PartnerIntake.Shared.Common.Validated<InquirySubmission> Validate(JsonNode node)
    {
        using var scope = new UICultureScope("en");
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return InquiryValidator.Validate(doc.RootElement);
    }
}
