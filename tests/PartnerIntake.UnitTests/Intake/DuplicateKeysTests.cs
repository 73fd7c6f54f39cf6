using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

public class DuplicateKeysTests
{
    [Theory]
    [InlineData("Muzeum Narodowe w Warszawie", "muzeum narodowe w warszawie")]
    [InlineData("  MUZEUM  Narodowe, w Warszawie! ", "muzeum narodowe w warszawie")]
    [InlineData("Städtisches Museum", "stadtisches museum")]
    [InlineData("Musée d'Orsay", "musee d orsay")]
    public void NormaliseName_CaseAccentsPunctuationSpacing_DoNotMatter(string name, string expected)
    {
        DuplicateKeys.NormaliseName(name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("https://www.mnw.art.pl/collections", "mnw.art.pl")]
    [InlineData("http://MNW.art.pl", "mnw.art.pl")]
    [InlineData(null, null)]
    public void Domain_Website_IsTheHostWithoutWww(string? website, string? expected)
    {
        DuplicateKeys.Domain(website).ShouldBe(expected);
    }

    [Fact]
    public void For_SameOrganisationWrittenDifferently_SameKeysAndNoClearTextPersonalData()
    {
        var a = DuplicateKeys.For(Builders.Submission());
        var b = DuplicateKeys.For(Builders.Submission() with
        {
            Organization = Builders.Submission().Organization with { Name = "MUZEUM NARODOWE W WARSZAWIE" },
            Contact = Builders.Submission().Contact with { Email = "ANNA@example.org" },
        });

        b.ShouldBe(a);
        a.ShouldAllBe(k => !k.Key.Contains("anna", StringComparison.OrdinalIgnoreCase) && !k.Key.Contains("muzeum", StringComparison.OrdinalIgnoreCase));
    }
}
