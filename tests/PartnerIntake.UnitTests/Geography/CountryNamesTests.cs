using System.Globalization;
using PartnerIntake.Shared.Geography;

namespace PartnerIntake.UnitTests.Geography;

public class CountryNamesTests
{
    [Theory]
    [InlineData("en", "PL", "Poland")]
    [InlineData("de", "PL", "Polen")]
    [InlineData("pl", "DE", "Niemcy")]
    [InlineData("fr", "DE", "Allemagne")]
    [InlineData("es", "DE", "Alemania")]
    [InlineData("pt", "DE", "Alemanha")]
    [InlineData("ar", "PL", "بولندا")]
    public void Localized_KnownCountry_IsInTheRequestedLanguage(string language, string code, string expected)
    {
        CountryNames.Localized(code, CultureInfo.GetCultureInfo(language)).ShouldBe(expected);
    }

    [Fact]
    public void Localized_Call_LeavesTheCurrentUiCultureAlone()
    {
        var before = CultureInfo.CurrentUICulture;

        CountryNames.Localized("PL", CultureInfo.GetCultureInfo("de"));

        CultureInfo.CurrentUICulture.ShouldBe(before);
    }

    [Fact]
    public void All_EveryCode_HasANameAndIsSortedByIt()
    {
        var german = CultureInfo.GetCultureInfo("de");

        var all = CountryNames.All(german);

        all.Count.ShouldBe(Countries.Codes.Count);
        all.ShouldAllBe(pair => pair.Value.Length > 0 && !pair.Value.Contains('('));
        all.Select(p => p.Value).ShouldBe(all.Select(p => p.Value).Order(StringComparer.Create(german, true)));
        all.Single(p => p.Key == "AT").Value.ShouldBe("Österreich");
    }
}
