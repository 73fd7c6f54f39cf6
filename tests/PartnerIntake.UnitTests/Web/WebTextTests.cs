using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using PartnerIntake.Web.Console;
using PartnerIntake.Web.Hosting;
using PartnerIntake.Web.Intake;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.UnitTests.Web;

/// <summary>Every page text exists in every language, with the same placeholders.</summary>
public partial class WebTextTests
{
    private static readonly ResourceManager Resources = new(typeof(WebText).FullName!, typeof(WebText).Assembly);

    private static Dictionary<string, string> Texts(string language) =>
        Resources.GetResourceSet(language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language), true, false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    public static TheoryData<string> Translations() => new(WebLanguages.Codes.Skip(1));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_Keys_AreExactlyTheEnglishOnesWithTheSamePlaceholders(string language)
    {
        var english = Texts("en");
        var translated = Texts(language);

        translated.Keys.ShouldBe(english.Keys, ignoreOrder: true);
        foreach (var (key, text) in english)
        {
            Placeholders(translated[key]).ShouldBe(Placeholders(text), $"{language} {key}");
            translated[key].Trim().ShouldNotBeEmpty($"{language} {key}");
        }
    }

    [Fact]
    public void English_Keys_CoverEveryChoiceOfTheContract()
    {
        var english = Texts("en");

        foreach (var topic in PartnerIntake.Shared.Intake.InquiryContract.Topics)
        {
            english.ShouldContainKey("Topic_" + topic);
            english.ShouldContainKey("TopicHelp_" + topic);
        }

        foreach (var type in PartnerIntake.Shared.Intake.InquiryContract.OrganizationTypes)
        {
            english.ShouldContainKey("OrgType_" + type);
        }

        foreach (var kind in PartnerIntake.Shared.Routing.EntityKind.All)
        {
            english.ShouldContainKey("Kind_" + kind);
        }
    }

    private static string[] Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
