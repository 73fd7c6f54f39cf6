using PartnerIntake.Shared.Geography;

namespace PartnerIntake.UnitTests.Geography;

public class WikipediaLanguagesTests
{
    /// <summary>The 44 codes the form offered before the full list: inquiries and clients that use them stay valid.</summary>
    private static readonly string[] EarlierCodes =
    [
        "en", "de", "fr", "es", "it", "pl", "pt", "nl", "sv", "ru", "uk", "cs", "ca", "eu", "gl", "hu", "fi", "da",
        "no", "el", "tr", "he", "ar", "fa", "ur", "hi", "bn", "ta", "id", "ms", "vi", "th", "zh", "ja", "ko",
        "sw", "yo", "ha", "ig", "am", "zu", "af", "eo", "la",
    ];

    [Fact]
    public void All_EveryWikipediaEdition_MoreThanThreeHundredIncludingWelsh()
    {
        WikipediaLanguages.All.Count.ShouldBeGreaterThan(300);
        WikipediaLanguages.Find("cy").ShouldBe(new WikipediaLanguage("cy", "Cymraeg", "Welsh"));
    }

    [Fact]
    public void IsKnown_CodesOfferedBefore_StillKnown()
    {
        EarlierCodes.Where(c => !WikipediaLanguages.IsKnown(c)).ShouldBeEmpty();
    }

    [Fact]
    public void All_EveryRow_HasCodeAutonymAndEnglishName()
    {
        WikipediaLanguages.All.ShouldAllBe(l => l.Code.Length >= 2 && l.Code == l.Code.ToLowerInvariant() && l.Autonym.Length > 0 && l.EnglishName.Length > 0);
    }
}
