using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Mail;

public class MailTextTests
{
    public static TheoryData<string> Translations() => new(["de", "es", "fr", "pl", "pt", "ar"]);

    [Theory]
    [MemberData(nameof(Translations))]
    public void Resources_EveryTranslation_HasEveryKeyWithTheSamePlaceholders(string lang)
    {
        var neutral = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(lang), tryParents: false);

        translated.Keys.ShouldBe(neutral.Keys, ignoreOrder: true);
        foreach (var (key, value) in neutral)
        {
            Placeholders(translated[key]).ShouldBe(Placeholders(value), key);
            translated[key].ShouldNotBeNullOrWhiteSpace(key);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("pl")]
    [InlineData("ar")]
    public void Labels_EveryCodeOfTheContract_HasALabel(string lang)
    {
        var culture = CultureInfo.GetCultureInfo(lang);
        var codes = InquiryContract.Topics.Select(c => "Topic_" + c)
            .Concat(InquiryContract.OrganizationTypes.Select(c => "OrgType_" + c))
            .Concat(InquiryContract.Scales.Select(c => "Scale_" + c))
            .Concat(InquiryContract.Agreements.Select(c => "Agreement_" + c))
            .Concat(EntityKind.All.Select(c => "Kind_" + c));

        foreach (var key in codes)
        {
            MailText.ResourceManager.GetString(key, culture).ShouldNotBeNullOrWhiteSpace(key);
        }

        MailText.Topic("content-donation", lang).ShouldNotBe("content donation");
    }

    [Theory]
    [InlineData("GB", "en", "United Kingdom")]
    [InlineData("GB", "de", "Vereinigtes Königreich")]
    [InlineData("cy", "en", "Welsh")]
    public void Names_CountryAndLanguage_AreTheReadersWords(string code, string lang, string expected)
    {
        (code.Length == 2 && char.IsUpper(code[0]) ? MailText.Country(code, lang) : MailText.Language(code, lang)).ShouldBe(expected);
    }

    [Fact]
    public void Place_RoutingSubdivision_IsNamedWithItsCountry()
    {
        MailText.Place("US", "US-NY", "en").ShouldBe("New York (United States)");
        MailText.Place("US", null, "en").ShouldBe("United States");
    }

    [Theory]
    [InlineData("thematic (health-medicine)", "for the topic", "health-medicine")]
    [InlineData("collaborator for content-donation", "for the topic", "content-donation")]
    [InlineData("geographic", "for the area", null)]
    [InlineData("partner-facing collaborator", "in touch with the partner", null)]
    public void Role_AsTheRoutingTablesWriteIt_ReadsAsWords(string role, string expected, string? topic)
    {
        MailText.Role(role, "en").ShouldBe(expected);
        MailText.RoleTopic(role).ShouldBe(topic);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture, bool tryParents = true)
    {
        var set = MailText.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: tryParents)
            ?? throw new InvalidOperationException($"No MailText resources for {culture.Name}");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static List<string> Placeholders(string text) => Regex.Matches(text, @"\{\d+(:\w+)?\}").Select(m => m.Value).Order().ToList();
}
