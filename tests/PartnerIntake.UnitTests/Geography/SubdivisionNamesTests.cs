using System.Globalization;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Geography;

public class SubdivisionNamesTests
{
    [Theory]
    [InlineData("en", "US-NY", "New York")]
    [InlineData("pl", "US-NY", "Nowy Jork")]
    [InlineData("es", "US-DC", "Distrito de Columbia")]
    [InlineData("ar", "US-NY", "نيويورك")]
    [InlineData("de", "ES-CT", "Katalonien")]
    public void Localized_NamedSubdivision_InTheLanguage(string language, string code, string expected)
    {
        SubdivisionNames.Localized(code, CultureInfo.GetCultureInfo(language)).ShouldBe(expected);
    }

    [Fact]
    public void Localized_UnnamedCode_IsTheCode()
    {
        SubdivisionNames.Localized("FR-75C", CultureInfo.GetCultureInfo("fr")).ShouldBe("FR-75C");
    }

    [Fact]
    public void IsNamed_EverySubdivisionOfTheSeedRoutingTables_HasAName()
    {
        var tables = RoutingTablesCsv.Seed().Parse();

        tables.Regions.Where(r => r.Subdivision is not null).Select(r => r.Subdivision!).Where(c => !SubdivisionNames.IsNamed(c)).ShouldBeEmpty();
    }
}
